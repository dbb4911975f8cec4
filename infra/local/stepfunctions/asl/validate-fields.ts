import { expectType, has, schema, type Context, type JsonObject, type Language } from './validate-context';

export const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];

/** Fields each state type accepts, in both query languages or in one only (measured against AWS). */
interface FieldSet {
  both: string[];
  JSONPath: string[];
  JSONata: string[];
}

const FLOW = ['Next', 'End'];
const IO = ['InputPath', 'OutputPath'];
const RESULT = ['ResultPath', 'Parameters', 'ResultSelector'];

export const FIELDS: Record<StateType, FieldSet> = {
  Pass: {
    both: [...FLOW, 'Assign'],
    JSONPath: [...IO, 'ResultPath', 'Parameters', 'Result'],
    JSONata: ['Output'],
  },
  Task: {
    both: [
      ...FLOW,
      'Assign',
      'Resource',
      'Credentials',
      'TimeoutSeconds',
      'HeartbeatSeconds',
      'Retry',
      'Catch',
    ],
    JSONPath: [...IO, ...RESULT, 'TimeoutSecondsPath', 'HeartbeatSecondsPath'],
    JSONata: ['Output', 'Arguments'],
  },
  Choice: { both: ['Choices', 'Default', 'Assign'], JSONPath: IO, JSONata: ['Output'] },
  Wait: {
    both: [...FLOW, 'Assign', 'Seconds', 'Timestamp'],
    JSONPath: [...IO, 'SecondsPath', 'TimestampPath'],
    JSONata: ['Output'],
  },
  Succeed: { both: [], JSONPath: IO, JSONata: ['Output'] },
  Fail: { both: ['Error', 'Cause'], JSONPath: ['ErrorPath', 'CausePath'], JSONata: [] },
  Parallel: {
    both: [...FLOW, 'Assign', 'Branches', 'Retry', 'Catch'],
    JSONPath: [...IO, ...RESULT],
    JSONata: ['Output', 'Arguments'],
  },
  Map: {
    both: [
      ...FLOW,
      ...[
        'Assign',
        'Retry',
        'Catch',
        'ItemProcessor',
        'Iterator',
        'ItemReader',
        'ItemSelector',
        'ItemBatcher',
      ],
      ...['ResultWriter', 'MaxConcurrency', 'ToleratedFailurePercentage', 'ToleratedFailureCount', 'Label'],
    ],
    JSONPath: [
      ...IO,
      ...RESULT,
      'ItemsPath',
      'MaxConcurrencyPath',
      'ToleratedFailurePercentagePath',
      'ToleratedFailureCountPath',
    ],
    JSONata: ['Output', 'Items'],
  },
};

const COMMON = ['Type', 'Comment', 'QueryLanguage'];

/**
 * The state's effective QueryLanguage: exactly "JSONPath" is JSONPath, any other value is JSONata,
 * absent inherits the machine's. A JSONPath state in a JSONata machine is refused, and then only
 * that refusal is reported for its other-language fields.
 */
export function stateLanguage(
  ctx: Context,
  state: JsonObject,
  location: string,
): { language: Language; downgraded: boolean } {
  if (!has(state, 'QueryLanguage')) return { language: ctx.machineLanguage, downgraded: false };
  const language: Language = state.QueryLanguage === 'JSONPath' ? 'JSONPath' : 'JSONata';
  const downgraded = ctx.machineLanguage === 'JSONata' && language === 'JSONPath';
  if (downgraded)
    schema(
      ctx,
      "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
      location,
    );
  return { language, downgraded };
}

export function checkQueryLanguageValue(ctx: Context, value: unknown, location: string): void {
  if (expectType(ctx, value, 'STRING', location) && value !== 'JSONPath' && value !== 'JSONata') {
    schema(ctx, 'Value should be one of the following: [JSONPath, JSONata]', location);
  }
}

/** Refuses fields the type does not take, naming the language when the other one would take it. */
export function checkFields(
  ctx: Context,
  state: JsonObject,
  type: StateType,
  language: Language,
  downgraded: boolean,
  location: string,
) {
  const other: Language = language === 'JSONPath' ? 'JSONata' : 'JSONPath';
  const allowed = [...COMMON, ...FIELDS[type].both, ...FIELDS[type][language]];
  if (!downgraded) {
    for (const field of FIELDS[type][other].filter((name) => has(state, name))) {
      const only = `field '${field}' is only supported for the '${other}' QueryLanguage`;
      schema(ctx, `The QueryLanguage is set to '${language}', but ${only}`, location);
    }
  }
  for (const field of Object.keys(state)) {
    if (!allowed.includes(field) && !FIELDS[type][other].includes(field)) {
      schema(ctx, `Field '${field}' is not supported`, location);
    }
  }
  return Object.fromEntries(Object.entries(state).filter(([field]) => allowed.includes(field)));
}
