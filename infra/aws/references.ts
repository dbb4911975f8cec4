/**
 * What each workflow refers to, checked against the topology before anything is synthesized, so a
 * wrong name fails synth with a sentence instead of failing a deployment half way.
 */
import type { Topology, WorkflowSpec } from '../topology';
import { placeholdersOf } from '../../workflows/placeholders';

/** The topology cannot be turned into a stack; the message says which entry and why. */
export class TopologyError extends Error {
  override readonly name = 'TopologyError';
}

export interface WorkflowReferences {
  /** Placeholder → function name. */
  functions: ReadonlyMap<string, string>;
  /** Placeholder → workflow name. */
  workflows: ReadonlyMap<string, string>;
  /** The definition waits for the executions it starts (`startExecution.sync`), which needs more permissions. */
  waitsForExecutions: boolean;
}

export interface ResolvedTopology {
  /** The workflows, each after every workflow it starts, so their ARNs exist when it is created. */
  workflows: WorkflowSpec[];
  references: ReadonlyMap<string, WorkflowReferences>;
}

const SYNC_START = /:states:::states:startExecution\.sync(:\d+)?$/;

/** Checks every name the workflows use and orders them; throws `TopologyError` on the first problem. */
export function resolveTopology(topology: Topology): ResolvedTopology {
  const functionNames = uniqueNames('function', topology.functions);
  const workflowNames = uniqueNames('workflow', topology.workflows);

  const references = new Map<string, WorkflowReferences>();
  for (const spec of topology.workflows) {
    references.set(spec.name, referencesOf(spec, functionNames, workflowNames));
  }
  return { workflows: inStartOrder(topology.workflows, references), references };
}

function uniqueNames(kind: string, specs: { name: string }[]): Set<string> {
  const names = new Set<string>();
  for (const { name } of specs) {
    if (names.has(name)) throw new TopologyError(`The topology declares the ${kind} "${name}" twice`);
    names.add(name);
  }
  return names;
}

function referencesOf(
  spec: WorkflowSpec,
  functionNames: Set<string>,
  workflowNames: Set<string>,
): WorkflowReferences {
  const functions = declared(spec, 'function', spec.functions, functionNames);
  const workflows = declared(spec, 'workflow', spec.workflows, workflowNames);
  for (const placeholder of functions.keys()) {
    if (workflows.has(placeholder)) {
      throw new TopologyError(
        `Workflow "${spec.name}" maps \${${placeholder}} to both a function and a workflow`,
      );
    }
  }

  const used = new Set(placeholdersOf(spec.definition));
  for (const placeholder of used) {
    if (!functions.has(placeholder) && !workflows.has(placeholder)) {
      throw new TopologyError(
        `Workflow "${spec.name}" uses \${${placeholder}}, which neither its functions nor its workflows map declares`,
      );
    }
  }
  // An unused entry is most often a misspelt one; refusing it also keeps grants to what is used.
  for (const placeholder of [...functions.keys(), ...workflows.keys()]) {
    if (!used.has(placeholder)) {
      throw new TopologyError(
        `Workflow "${spec.name}" declares \${${placeholder}} but its definition never uses it`,
      );
    }
  }

  return {
    functions,
    workflows,
    waitsForExecutions: resourcesOf(spec.definition).some((r) => SYNC_START.test(r)),
  };
}

function declared(
  spec: WorkflowSpec,
  kind: 'function' | 'workflow',
  map: Record<string, string> | undefined,
  known: Set<string>,
): Map<string, string> {
  const entries = Object.entries(map ?? {});
  for (const [placeholder, name] of entries) {
    if (!known.has(name)) {
      throw new TopologyError(
        `Workflow "${spec.name}" maps \${${placeholder}} to the unknown ${kind} "${name}"; the topology declares no ${kind} of that name`,
      );
    }
  }
  return new Map(entries);
}

/** Every `Resource` string in a definition, including those of Parallel branches and Map processors. */
function resourcesOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(resourcesOf);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'Resource' && typeof value === 'string' ? [value] : resourcesOf(value),
  );
}

// A workflow that starts another needs that one's ARN in its own definition, so CloudFormation
// cannot create workflows that start each other (or themselves): refuse the cycle here, by name.
function inStartOrder(
  specs: WorkflowSpec[],
  references: ReadonlyMap<string, WorkflowReferences>,
): WorkflowSpec[] {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const ordered: WorkflowSpec[] = [];
  const done = new Set<string>();
  const visiting: string[] = [];

  const visit = (name: string): void => {
    if (done.has(name)) return;
    const at = visiting.indexOf(name);
    if (at >= 0) {
      const cycle = [...visiting.slice(at), name].map((n) => `"${n}"`).join(' → ');
      throw new TopologyError(
        `Workflows start each other in a cycle (${cycle}); CloudFormation cannot create them`,
      );
    }
    visiting.push(name);
    for (const child of new Set(references.get(name)?.workflows.values())) visit(child);
    visiting.pop();
    done.add(name);
    ordered.push(byName.get(name) as WorkflowSpec);
  };

  for (const spec of specs) visit(spec.name);
  return ordered;
}
