import { substitute } from '../../../workflows/placeholders';
import type { Topology, WorkflowSpec } from '../../topology';
import { LocalFunctions } from '../lambda/functions';
import { localResources } from '../resources';
import { stateMachineArn } from './arns';
import type { StateMachines } from './machines';

const ROLE = 'arn:aws:iam::000000000000:role/lectern-local';

/** Creates (or updates) the topology's workflows with local ARNs in their placeholders, as `cdk deploy` would. */
export function deployWorkflows(topology: Topology, machines: StateMachines, endpointUrl: string): void {
  for (const workflow of topology.workflows) {
    const definition = JSON.stringify(
      substitute(workflow.definition, placeholderValues(workflow, endpointUrl), workflow.name),
    );
    const existing = machines.get(stateMachineArn(workflow.name));
    const type = workflow.type ?? 'STANDARD';
    if (existing && existing.type === type) machines.update(existing, { definition, roleArn: ROLE });
    else {
      if (existing) machines.delete(existing.arn);
      machines.create({ name: workflow.name, definition, roleArn: ROLE, type });
    }
  }
}

/** What each placeholder of the workflow stands for locally (its CDK counterpart: infra/aws/references.ts). */
export function placeholderValues(workflow: WorkflowSpec, endpointUrl: string): Record<string, string> {
  const resources = localResources(endpointUrl);
  const values: Record<string, string> = {};
  const bind = (map: Record<string, string> | undefined, value: (name: string) => string) => {
    for (const [placeholder, name] of Object.entries(map ?? {})) values[placeholder] = value(name);
  };
  bind(workflow.functions, LocalFunctions.arn);
  bind(workflow.workflows, stateMachineArn);
  bind(workflow.queues, resources.queueUrl);
  bind(workflow.tables, resources.tableName);
  bind(workflow.buses, resources.busName);
  bind(workflow.buckets, resources.bucketName);
  if (workflow.mediaConvert) values.MediaConvertRole = resources.mediaConvertRole;
  return values;
}
