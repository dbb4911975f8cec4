/**
 * The system on one page: every function and workflow Lectern runs. Both targets read it:
 * `infra/aws` turns it into CloudFormation, `infra/local` runs it on one machine.
 * A new flow adds its entries here; neither target changes.
 */
import type { Definition } from '../workflows/asl';

export interface FunctionSpec {
  /** Unique logical name; the local Lambda function name and the CDK construct id. */
  name: string;
  /** Handler module, relative to the repository root. */
  entry: string;
  /** The module's export that is the handler; defaults to `handler`. */
  handler?: string;
  /** Lambda timeout; defaults to 10 s. */
  timeoutSeconds?: number;
  /** Lambda memory; defaults to 256 MB. */
  memoryMb?: number;
  /** Extra environment variables (never secrets: those come from the deployment's secret store). */
  environment?: Record<string, string>;
}

export interface WorkflowSpec {
  /** Unique logical name; the state machine name locally and the CDK construct id. */
  name: string;
  /** Typed ASL. Resources are `${Placeholder}`s, filled in by each target. */
  definition: Definition;
  type?: 'STANDARD' | 'EXPRESS';
  /** Placeholder → function name, e.g. `{ GrantEntitlementFunction: 'grantEntitlement' }`. */
  functions?: Record<string, string>;
  /** Placeholder → workflow name, for `states:startExecution` tasks. */
  workflows?: Record<string, string>;
}

export interface Topology {
  functions: FunctionSpec[];
  workflows: WorkflowSpec[];
}

/** Lectern's topology. Each flow adds its functions and workflows here. */
export const topology: Topology = {
  functions: [],
  workflows: [],
};
