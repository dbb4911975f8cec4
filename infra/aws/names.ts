/** The logical names a topology declares, checked once so that every reference can be checked against them. */
import { resourceEnv, type Topology } from '../topology';
import { TopologyError } from './topology-error';

/** The kinds of resource a function learns the name of through a `resourceEnv` variable. */
export type ResourceKind = Parameters<typeof resourceEnv>[0];
export type NameKind = ResourceKind | 'function';

/** Every declared name, by kind. */
export type TopologyNames = Readonly<Record<NameKind, ReadonlySet<string>>>;

/**
 * The topology's names; throws `TopologyError` on a name declared twice, or on two names that one
 * `resourceEnv` variable would stand for.
 */
export function namesOf(topology: Topology): TopologyNames {
  return {
    function: uniqueNames('function', topology.functions),
    workflow: resourceNames('workflow', topology.workflows),
    queue: resourceNames('queue', topology.queues ?? []),
    table: resourceNames('table', topology.tables ?? []),
    bucket: resourceNames('bucket', topology.buckets ?? []),
    bus: resourceNames('bus', topology.buses ?? []),
  };
}

/** The names of `specs`; throws `TopologyError` when one is declared twice. */
export function uniqueNames(kind: string, specs: ReadonlyArray<{ name: string }>): Set<string> {
  const names = new Set<string>();
  for (const { name } of specs) {
    if (names.has(name)) throw new TopologyError(`The topology declares the ${kind} "${name}" twice`);
    names.add(name);
  }
  return names;
}

function resourceNames(kind: ResourceKind, specs: ReadonlyArray<{ name: string }>): Set<string> {
  const names = uniqueNames(kind, specs);
  const byVariable = new Map<string, string>();
  for (const name of names) {
    // `a-b` and `a_b` would both be handed to functions as e.g. QUEUE_A_B.
    const variable = resourceEnv(kind, name);
    const other = byVariable.get(variable);
    if (other !== undefined) {
      throw new TopologyError(
        `The ${kind} names "${other}" and "${name}" would share the variable ${variable}; rename one`,
      );
    }
    byVariable.set(variable, name);
  }
  return names;
}

/**
 * Throws `TopologyError` unless `name` is a declared `kind`. `subject` begins the sentence,
 * e.g. `Workflow "w" maps ${X} to`.
 */
export function requireName(names: TopologyNames, kind: NameKind, name: string, subject: string): void {
  if (!names[kind].has(name)) {
    throw new TopologyError(
      `${subject} the unknown ${kind} "${name}"; the topology declares no ${kind} of that name`,
    );
  }
}
