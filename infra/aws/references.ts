/**
 * What each workflow refers to, checked against the topology before anything is synthesized, so a
 * wrong name fails synth with a sentence instead of failing a deployment half way.
 */
import type { Topology, WorkflowSpec } from '../topology';
import { placeholdersOf } from '../../workflows/placeholders';
import { checkResources } from './checks';
import { namesOf, requireName, type ResourceKind, type TopologyNames } from './names';
import { TopologyError } from './topology-error';

export { TopologyError } from './topology-error';

/** Bound in the definitions of workflows with `mediaConvert: true`: the role their jobs run as. */
export const MEDIA_CONVERT_ROLE = 'MediaConvertRole';

/** The placeholder maps of a `WorkflowSpec`, and the kind of name each maps to. */
const PLACEHOLDER_MAPS = [
  ['functions', 'function'],
  ['workflows', 'workflow'],
  ['queues', 'queue'],
  ['tables', 'table'],
  ['buses', 'bus'],
  ['buckets', 'bucket'],
] as const satisfies ReadonlyArray<readonly [keyof WorkflowSpec, ResourceKind | 'function']>;

type PlaceholderMap = (typeof PLACEHOLDER_MAPS)[number][0];

export type WorkflowReferences = {
  /** Placeholder → name of the function, workflow, queue, table, bus or bucket it stands for. */
  readonly [map in PlaceholderMap]: ReadonlyMap<string, string>;
} & {
  /** `${MediaConvertRole}` is bound: the workflow runs MediaConvert jobs. */
  mediaConvert: boolean;
  /** The definition waits for the executions it starts (`startExecution.sync`), which needs more permissions. */
  waitsForExecutions: boolean;
  /** The definition waits for MediaConvert jobs (`createJob.sync`), likewise. */
  waitsForMediaConvertJobs: boolean;
  /** The DynamoDB actions its tasks call, e.g. `dynamodb:PutItem`, allowed on its tables only. */
  tableActions: string[];
};

export interface ResolvedTopology {
  /** The workflows, each after every workflow it starts, so their ARNs exist when it is created. */
  workflows: WorkflowSpec[];
  references: ReadonlyMap<string, WorkflowReferences>;
}

const SYNC_START = /:states:::states:startExecution\.sync(:\d+)?$/;
const SYNC_MEDIA_CONVERT = /:states:::mediaconvert:createJob\.sync$/;
const DYNAMODB_TASK = /:states:::(?:aws-sdk:)?dynamodb:(\w+)$/;

/**
 * Checks every name the topology uses and orders the workflows; throws `TopologyError` on the
 * first problem.
 */
export function resolveTopology(topology: Topology): ResolvedTopology {
  const names = namesOf(topology);
  checkResources(topology, names);

  const references = new Map<string, WorkflowReferences>();
  for (const spec of topology.workflows) references.set(spec.name, referencesOf(spec, names));
  return { workflows: inCreationOrder(topology, references), references };
}

function referencesOf(spec: WorkflowSpec, names: TopologyNames): WorkflowReferences {
  const workflow = `Workflow "${spec.name}"`;
  // Placeholder → what it is bound to, to refuse one placeholder bound twice.
  const bound = new Map<string, string>();
  const bind = (placeholder: string, what: string) => {
    const earlier = bound.get(placeholder);
    if (earlier !== undefined) {
      throw new TopologyError(`${workflow} maps \${${placeholder}} to both ${earlier} and ${what}`);
    }
    bound.set(placeholder, what);
  };

  const maps = {} as Record<PlaceholderMap, ReadonlyMap<string, string>>;
  for (const [map, kind] of PLACEHOLDER_MAPS) {
    const entries = Object.entries(spec[map] ?? {});
    for (const [placeholder, name] of entries) {
      requireName(names, kind, name, `${workflow} maps \${${placeholder}} to`);
      bind(placeholder, `a ${kind}`);
    }
    maps[map] = new Map(entries);
  }
  const mediaConvert = spec.mediaConvert === true;
  if (mediaConvert) bind(MEDIA_CONVERT_ROLE, 'the MediaConvert role');

  const used = new Set(placeholdersOf(spec.definition));
  for (const placeholder of used) {
    if (bound.has(placeholder)) continue;
    if (placeholder === MEDIA_CONVERT_ROLE) {
      throw new TopologyError(
        `${workflow} uses \${${MEDIA_CONVERT_ROLE}} but does not set mediaConvert: true`,
      );
    }
    throw new TopologyError(
      `${workflow} uses \${${placeholder}}, which none of its placeholder maps (${PLACEHOLDER_MAPS.map(([m]) => m).join(', ')}) declares`,
    );
  }
  // An unused entry is most often a misspelt one; refusing it also keeps grants to what is used.
  for (const placeholder of bound.keys()) {
    if (used.has(placeholder)) continue;
    if (placeholder === MEDIA_CONVERT_ROLE) {
      throw new TopologyError(
        `${workflow} sets mediaConvert, but its definition never uses \${${MEDIA_CONVERT_ROLE}}`,
      );
    }
    throw new TopologyError(`${workflow} declares \${${placeholder}} but its definition never uses it`);
  }

  const resources = resourcesOf(spec.definition);
  return {
    ...maps,
    mediaConvert,
    waitsForExecutions: resources.some((r) => SYNC_START.test(r)),
    waitsForMediaConvertJobs: resources.some((r) => SYNC_MEDIA_CONVERT.test(r)),
    tableActions: [
      ...new Set(
        resources.flatMap((r) => {
          const action = DYNAMODB_TASK.exec(r)?.[1];
          return action === undefined ? [] : [`dynamodb:${action[0].toUpperCase()}${action.slice(1)}`];
        }),
      ),
    ],
  };
}

/** Every `Resource` string in a definition, including those of Parallel branches and Map processors. */
function resourcesOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(resourcesOf);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'Resource' && typeof value === 'string' ? [value] : resourcesOf(value),
  );
}

interface Node {
  kind: 'workflow' | 'function';
  name: string;
}

const label = (node: Node) => `${node.kind} "${node.name}"`;

// A workflow needs the ARNs of the workflows it starts and the functions it invokes in its
// definition, and a function needs the ARNs of the workflows it may start or answer in its
// environment and policy: CloudFormation cannot create a cycle of these, so refuse it here, by name.
function inCreationOrder(
  topology: Topology,
  references: ReadonlyMap<string, WorkflowReferences>,
): WorkflowSpec[] {
  const workflows = new Map(topology.workflows.map((spec) => [spec.name, spec]));
  const functions = new Map(topology.functions.map((spec) => [spec.name, spec]));
  const dependencies = ({ kind, name }: Node): Node[] => {
    if (kind === 'function') {
      const accessed = Object.keys(functions.get(name)?.access?.workflows ?? {});
      return accessed.map((w) => ({ kind: 'workflow', name: w }));
    }
    const refs = references.get(name) as WorkflowReferences;
    return [
      ...[...new Set(refs.workflows.values())].map((w): Node => ({ kind: 'workflow', name: w })),
      ...[...new Set(refs.functions.values())].map((f): Node => ({ kind: 'function', name: f })),
    ];
  };

  const ordered: WorkflowSpec[] = [];
  const done = new Set<string>();
  const visiting: string[] = [];
  const visit = (node: Node): void => {
    const id = label(node);
    if (done.has(id)) return;
    const at = visiting.indexOf(id);
    if (at >= 0) {
      const cycle = [...visiting.slice(at), id].join(' → ');
      throw new TopologyError(
        `Workflows and functions refer to each other in a cycle (${cycle}); CloudFormation cannot create them`,
      );
    }
    visiting.push(id);
    for (const next of dependencies(node)) visit(next);
    visiting.pop();
    done.add(id);
    if (node.kind === 'workflow') ordered.push(workflows.get(node.name) as WorkflowSpec);
  };

  for (const name of workflows.keys()) visit({ kind: 'workflow', name });
  for (const name of functions.keys()) visit({ kind: 'function', name });
  return ordered;
}
