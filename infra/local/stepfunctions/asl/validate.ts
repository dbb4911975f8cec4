import {
  at,
  expectName,
  expectRange,
  expectType,
  has,
  isObject,
  item,
  rejectUnknownFields,
  report,
  requireFields,
  schema,
  type Context,
  type JsonObject,
  type Language,
} from './validate-context';
import { validateState } from './validate-states';

/** One finding, shaped like an entry of ValidateStateMachineDefinition's `diagnostics`. */
export interface Diagnostic {
  severity: 'ERROR' | 'WARNING';
  code: string;
  message: string;
  /** Where the problem is, e.g. `/States/ChargeCard/Next`; empty when AWS gives none. */
  location: string;
}

type ScopeKind = 'Machine' | 'Branch' | 'ItemProcessor' | 'Iterator';

const SCOPE_FIELDS: Record<ScopeKind, string[]> = {
  Machine: ['Comment', 'StartAt', 'States', 'TimeoutSeconds', 'Version', 'QueryLanguage'],
  Branch: ['Comment', 'StartAt', 'States'],
  ItemProcessor: ['Comment', 'StartAt', 'States', 'ProcessorConfig'],
  Iterator: ['Comment', 'StartAt', 'States'],
};

const MAX_STATE_NAME = 80;

/** Distributed maps name the kind of child executions they start; inline ones must not. */
function checkProcessorConfig(ctx: Context, value: unknown, location: string): void {
  if (!expectType(ctx, value, 'OBJECT', location)) return;
  const config = value as JsonObject;
  rejectUnknownFields(ctx, config, ['Mode', 'ExecutionType'], location);
  if (has(config, 'Mode') && config.Mode !== 'INLINE' && config.Mode !== 'DISTRIBUTED') {
    schema(ctx, 'Value should be one of the following: [INLINE, DISTRIBUTED]', at(location, 'Mode'));
  }
  if (config.Mode === 'DISTRIBUTED') requireFields(ctx, config, ['ExecutionType'], location);
  else if (has(config, 'ExecutionType')) schema(ctx, "Field 'ExecutionType' is not supported", location);
  if (
    has(config, 'ExecutionType') &&
    config.ExecutionType !== 'STANDARD' &&
    config.ExecutionType !== 'EXPRESS'
  ) {
    schema(ctx, 'Value should be one of the following: [STANDARD, EXPRESS]', at(location, 'ExecutionType'));
  }
}

interface Edge {
  target: string;
  location: string;
}

/** Every transition a state makes: Next, Default, each Choice rule's Next, each Catcher's Next. */
function edgesOf(state: unknown, location: string): Edge[] {
  if (!isObject(state)) return [];
  const edges: Edge[] = [];
  const add = (target: unknown, where: string) => {
    if (typeof target === 'string' && target !== '') edges.push({ target, location: where });
  };
  add(state.Next, at(location, 'Next'));
  add(state.Default, at(location, 'Default'));
  for (const list of ['Choices', 'Catch']) {
    const entries = state[list];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, index) => {
      if (isObject(entry)) add(entry.Next, at(item(at(location, list), index), 'Next'));
    });
  }
  return edges;
}

const isTerminal = (state: unknown): boolean =>
  isObject(state) && (state.End === true || state.Type === 'Succeed' || state.Type === 'Fail');

/**
 * Transitions stay inside their scope: every target names a state of the same States object, a
 * top-level machine has a terminal state, and every state is reachable from StartAt. AWS skips the
 * reachability walk when the machine has no terminal state at all.
 */
function checkTransitions(
  ctx: Context,
  scope: JsonObject,
  states: JsonObject,
  location: string,
  top: boolean,
): void {
  const statesAt = at(location, 'States');
  const edges = new Map(
    Object.entries(states).map(([name, state]) => [name, edgesOf(state, at(statesAt, name))]),
  );
  const startAt = typeof scope.StartAt === 'string' && scope.StartAt !== '' ? scope.StartAt : undefined;
  const dangling = (edge: Edge) =>
    report(ctx, 'MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${edge.target}`, edge.location);
  if (startAt !== undefined && !has(states, startAt))
    dangling({ target: startAt, location: at(location, 'StartAt') });
  for (const edge of [...edges.values()].flat()) if (!has(states, edge.target)) dangling(edge);
  if (top && !Object.values(states).some(isTerminal)) {
    report(ctx, 'MISSING_END_STATE', 'Workflow has no terminal state', '');
    return;
  }
  // Without a StartAt there is no walk to make; its absence is reported on its own.
  if (startAt === undefined) return;
  const reached = new Set<string>();
  const queue = has(states, startAt) ? [startAt] : [];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (reached.has(name)) continue;
    reached.add(name);
    for (const edge of edges.get(name) ?? []) if (has(states, edge.target)) queue.push(edge.target);
  }
  for (const name of Object.keys(states)) {
    if (!reached.has(name))
      report(ctx, 'MISSING_TRANSITION_TARGET', `State "${name}" is not reachable.`, at(statesAt, name));
  }
}

/** A machine, a Parallel branch or a Map processor: StartAt, States, and the states within. */
function validateScope(ctx: Context, value: unknown, location: string, kind: ScopeKind): void {
  if (!expectType(ctx, value, 'OBJECT', location)) return;
  const scope = value as JsonObject;
  rejectUnknownFields(ctx, scope, SCOPE_FIELDS[kind], location);
  requireFields(ctx, scope, ['StartAt', 'States'], location);
  if (has(scope, 'Comment')) expectType(ctx, scope.Comment, 'STRING', at(location, 'Comment'));
  if (has(scope, 'StartAt')) expectName(ctx, scope.StartAt, at(location, 'StartAt'));
  if (kind === 'Machine' && has(scope, 'Version') && scope.Version !== '1.0') {
    schema(ctx, 'Value should be one of the following: [1.0]', at(location, 'Version'));
  }
  if (kind === 'Machine' && has(scope, 'TimeoutSeconds')) {
    expectRange(ctx, scope.TimeoutSeconds, { min: 1, max: 99999999 }, at(location, 'TimeoutSeconds'));
  }
  if (kind === 'ItemProcessor' && has(scope, 'ProcessorConfig')) {
    checkProcessorConfig(ctx, scope.ProcessorConfig, at(location, 'ProcessorConfig'));
  }
  const statesAt = at(location, 'States');
  if (!has(scope, 'States') || !expectType(ctx, scope.States, 'OBJECT', statesAt)) return;
  const states = scope.States as JsonObject;
  if (Object.keys(states).length === 0) schema(ctx, 'Value cannot be empty', statesAt);
  for (const [name, state] of Object.entries(states)) {
    const stateAt = at(statesAt, name);
    if (name.length === 0 || [...name].length > MAX_STATE_NAME) {
      const why =
        name.length === 0
          ? 'must not be empty'
          : `exceeds the ${MAX_STATE_NAME}-character limit allowed by the service`;
      report(ctx, 'INVALID_STATE_NAME', `Invalid State name: State '${name}' ${why}`, stateAt);
    }
    if (ctx.stateNames.has(name))
      report(ctx, 'DUPLICATE_STATE_NAME', `Duplicate State name: ${name}`, stateAt);
    ctx.stateNames.add(name);
    validateState(ctx, state, stateAt);
  }
  checkTransitions(ctx, scope, states, location, kind === 'Machine');
}

/** The machine's QueryLanguage: exactly "JSONPath" or absent is JSONPath, anything else JSONata. */
function machineLanguage(ctx: Context, root: JsonObject): Language {
  if (!has(root, 'QueryLanguage')) return 'JSONPath';
  const value = root.QueryLanguage;
  if (expectType(ctx, value, 'STRING', '/QueryLanguage') && value !== 'JSONPath' && value !== 'JSONata') {
    schema(ctx, 'Value should be one of the following: [JSONPath, JSONata]', '/QueryLanguage');
  }
  return value === 'JSONPath' ? 'JSONPath' : 'JSONata';
}

function createContext(diagnostics: Diagnostic[], language: Language): Context {
  const ctx: Context = {
    diagnostics,
    machineLanguage: language,
    stateNames: new Set(),
    validateScope: (value, location, kind) => validateScope(ctx, value, location, kind),
  };
  return ctx;
}

const problem = (code: string, message: string): Diagnostic[] => [
  { severity: 'ERROR', code, message, location: '' },
];

// A definition nested deeper than the call stack allows (AWS caps definitions at 1 MB, not depth).
const TOO_DEEP = (): Diagnostic[] => problem('TOO_DEEPLY_NESTED', 'The states are too deeply nested');

/** All problems in a definition, errors first; [] when it is valid. */
export function validateDefinition(text: string): Diagnostic[] {
  if (text.trim() === '' || text.trim() === 'null') {
    return problem('MISSING_DESCRIPTION', 'Received a null or empty workflow input');
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    return error instanceof RangeError
      ? TOO_DEEP()
      : problem('INVALID_JSON_DESCRIPTION', (error as Error).message);
  }
  const diagnostics: Diagnostic[] = [];
  try {
    const probe = createContext(diagnostics, 'JSONPath');
    if (!expectType(probe, root, 'OBJECT', '/')) return diagnostics;
    validateScope(
      createContext(diagnostics, machineLanguage(probe, root as JsonObject)),
      root,
      '/',
      'Machine',
    );
  } catch (error) {
    if (error instanceof RangeError) return TOO_DEEP();
    throw error;
  }
  return [
    ...diagnostics.filter((d) => d.severity === 'ERROR'),
    ...diagnostics.filter((d) => d.severity === 'WARNING'),
  ];
}

/** The message of the InvalidDefinition error CreateStateMachine/UpdateStateMachine return for these diagnostics (AWS wording). */
export function invalidDefinitionMessage(diagnostics: Diagnostic[]): string {
  const parts = diagnostics
    .filter((d) => d.severity === 'ERROR')
    .map((d) => {
      // JSON syntax errors carry their position in the message; everything else ends in a location, `null` when none.
      if (d.code === 'INVALID_JSON_DESCRIPTION' || d.code === 'MISSING_DESCRIPTION')
        return `${d.code}: ${d.message}`;
      return `${d.code}: ${d.message} at ${d.location === '' ? 'null' : d.location}`;
    });
  return `Invalid State Machine Definition: '${parts.join(', ')}'`;
}
