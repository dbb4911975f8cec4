/**
 * Checks on everything but the workflows' placeholders (see `references.ts`): what functions, queues,
 * rules and routes refer to, so a wrong name fails synth with a sentence naming the entry.
 */
import {
  resourceEnv,
  type FunctionSpec,
  type HttpApiSpec,
  type QueueSpec,
  type RuleSpec,
  type TargetSpec,
  type Topology,
} from '../topology';
import { DEFAULT_TIMEOUT_SECONDS } from './functions';
import { requireName, uniqueNames, type ResourceKind, type TopologyNames } from './names';
import { DEFAULT_VISIBILITY_TIMEOUT_SECONDS } from './queues';
import { TopologyError } from './topology-error';

/** The bus AWS services (S3, MediaConvert) send their events to; rules may use it without declaring it. */
export const DEFAULT_BUS = 'default';

const ROUTE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) (\/\S*)$/;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';
  path: string;
}

/** `GET /videos/{id}` → `{ method: 'GET', path: '/videos/{id}' }`; throws `TopologyError` on anything else. */
export function parseRoute(route: string): Route {
  const match = ROUTE.exec(route);
  if (!match) {
    throw new TopologyError(
      `The route "${route}" is not "<METHOD> /<path>" with METHOD one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY`,
    );
  }
  return { method: match[1] as Route['method'], path: match[2] };
}

/** Throws `TopologyError` on the first reference that does not add up. */
export function checkResources(topology: Topology, names: TopologyNames): void {
  const variables = resourceVariables(names);
  for (const spec of topology.functions) checkFunction(spec, topology, names, variables);
  checkDeadLetters(topology.queues ?? [], names);
  uniqueNames('rule', topology.rules ?? []);
  for (const rule of topology.rules ?? []) checkRule(rule, names);
  if (topology.api) checkApi(topology.api, names);
}

function checkFunction(
  spec: FunctionSpec,
  topology: Topology,
  names: TopologyNames,
  variables: ReadonlyMap<string, string>,
): void {
  const fn = `Function "${spec.name}"`;
  const access = spec.access ?? {};
  const accessed: Array<[ResourceKind, string[]]> = [
    ['table', Object.keys(access.tables ?? {})],
    ['queue', Object.keys(access.queues ?? {})],
    ['bucket', Object.keys(access.buckets ?? {})],
    ['workflow', Object.keys(access.workflows ?? {})],
  ];
  for (const [kind, list] of accessed) {
    for (const name of list) requireName(names, kind, name, `${fn} accesses`);
  }
  for (const bus of access.buses ?? []) requireName(names, 'bus', bus, `${fn} puts events on`);
  if (access.mail && topology.mailFrom === undefined) {
    throw new TopologyError(`${fn} sends mail, but the topology declares no mailFrom identity`);
  }

  if (spec.async?.onFailureQueue !== undefined) {
    requireName(names, 'queue', spec.async.onFailureQueue, `${fn} sends failed invocations to`);
  }
  const timeout = spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  for (const source of spec.queues ?? []) {
    requireName(names, 'queue', source.queue, `${fn} consumes`);
    const queue = topology.queues?.find((q) => q.name === source.queue) as QueueSpec;
    const visibility = queue.visibilityTimeoutSeconds ?? DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
    // Lambda refuses the mapping at deploy time otherwise: a batch could reappear while it still runs.
    if (visibility < timeout) {
      throw new TopologyError(
        `${fn} consumes queue "${source.queue}", whose visibility timeout (${visibility} s) is shorter than the function's timeout (${timeout} s)`,
      );
    }
  }

  for (const key of Object.keys(spec.environment ?? {})) {
    const resource = variables.get(key);
    if (resource !== undefined) {
      throw new TopologyError(
        `${fn} sets ${key} in its environment, which names ${resource}; each target sets it`,
      );
    }
  }
}

/** Every `resourceEnv` variable, and the resource it names (e.g. `TABLE_USERS` → `the table "users"`). */
function resourceVariables(names: TopologyNames): Map<string, string> {
  const kinds: ResourceKind[] = ['workflow', 'queue', 'table', 'bucket', 'bus'];
  return new Map(
    kinds.flatMap((kind) =>
      [...names[kind]].map((name) => [resourceEnv(kind, name), `the ${kind} "${name}"`]),
    ),
  );
}

function checkDeadLetters(queues: QueueSpec[], names: TopologyNames): void {
  const deadLetterOf = new Map<string, string>();
  for (const queue of queues) {
    if (queue.deadLetter === undefined) continue;
    requireName(names, 'queue', queue.deadLetter.queue, `Queue "${queue.name}" sends its dead letters to`);
    deadLetterOf.set(queue.name, queue.deadLetter.queue);
  }
  // Each queue's redrive policy names its dead-letter queue's ARN, so a cycle cannot be created.
  for (const start of deadLetterOf.keys()) {
    const chain: string[] = [];
    for (let at: string | undefined = start; at !== undefined; at = deadLetterOf.get(at)) {
      const seenAt = chain.indexOf(at);
      if (seenAt >= 0) {
        const cycle = [...chain.slice(seenAt), at].map((n) => `"${n}"`).join(' → ');
        throw new TopologyError(`Queues send their dead letters to each other in a cycle (${cycle})`);
      }
      chain.push(at);
    }
  }
}

function checkRule(rule: RuleSpec, names: TopologyNames): void {
  const subject = `Rule "${rule.name}"`;
  if (rule.bus !== DEFAULT_BUS) requireName(names, 'bus', rule.bus, `${subject} listens on`);
  if (rule.targets.length === 0) throw new TopologyError(`${subject} has no targets`);
  rule.targets.forEach((target, index) => checkTarget(target, `${subject}, target ${index + 1},`, names));
}

function checkTarget(target: TargetSpec, subject: string, names: TopologyNames): void {
  const kinds = (['workflow', 'queue', 'function'] as const).filter((kind) => kind in target);
  if (kinds.length !== 1) {
    throw new TopologyError(`${subject} must name exactly one of a workflow, a queue or a function`);
  }
  const kind = kinds[0];
  requireName(names, kind, (target as Record<typeof kind, string>)[kind], `${subject} names`);
  if (target.deadLetterQueue !== undefined) {
    requireName(names, 'queue', target.deadLetterQueue, `${subject} sends undeliverable events to`);
  }
  const shapes = (['input', 'inputPath', 'inputTransformer'] as const).filter((k) => target[k] !== undefined);
  if (shapes.length > 1) {
    throw new TopologyError(`${subject} sets ${shapes.join(' and ')}; EventBridge takes at most one of them`);
  }
}

function checkApi(api: HttpApiSpec, names: TopologyNames): void {
  const seen = new Set<string>();
  for (const route of api.routes) {
    const { method, path } = parseRoute(route.route);
    const key = `${method} ${path}`;
    if (seen.has(key)) throw new TopologyError(`The HTTP API declares the route "${key}" twice`);
    seen.add(key);
    requireName(names, 'function', route.function, `Route "${key}" is handled by`);
    if (route.auth === 'jwt' && api.jwt === undefined) {
      throw new TopologyError(
        `Route "${key}" requires a JWT, but the HTTP API declares no jwt issuer and audience`,
      );
    }
  }
}
