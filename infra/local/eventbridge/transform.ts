import type { Json } from '../../../workflows/asl';
import { lookupPath } from '../stepfunctions/asl/jsonpath';
import type { BusEvent } from './entries';
import type { TargetRecord } from './records';

/** What a target receives for an event: its input text, or why there is none. */
export type Rendered = { payload: string } | { failure: { code: string; message: string } };

export interface RuleContext {
  ruleArn: string;
  ruleName: string;
  /** When EventBridge received the event (epoch ms). */
  ingestedAt: number;
}

export const PREDEFINED = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
] as const;

/** `<name>` in an InputTemplate. */
export const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/g;

/**
 * The target's input for an event: the event itself, the constant `Input`, the part `InputPath`
 * selects, or the `InputTransformer` template filled in.
 */
export function renderInput(target: TargetRecord, event: BusEvent, rule: RuleContext): Rendered {
  if (target.Input !== undefined) return { payload: target.Input };
  if (target.InputPath !== undefined) {
    const selected = select(target.InputPath, event);
    if (selected === undefined) {
      return {
        failure: {
          code: 'INVALID_PARAMETER',
          message: `InputPath ${target.InputPath} selects nothing in the event`,
        },
      };
    }
    return { payload: JSON.stringify(selected) };
  }
  if (target.InputTransformer) return fillTemplate(target.InputTransformer, event, rule);
  return { payload: JSON.stringify(event) };
}

/**
 * AWS's rules for filling a template:
 * - a path that selects nothing gives the empty string;
 * - inside a JSON string a string value goes in as is (not escaped), a number, boolean or null
 *   as its JSON text, an object or array as its JSON text, without its quotes when the template
 *   is not JSON (`"Payload is <payload>"` → `Payload is {id:1}`);
 * - outside a string a string value goes in quoted, anything else as its JSON text;
 * - a template that is a JSON object or array must give valid JSON, or the invocation fails.
 */
function fillTemplate(
  transformer: NonNullable<TargetRecord['InputTransformer']>,
  event: BusEvent,
  rule: RuleContext,
): Rendered {
  const template = transformer.InputTemplate;
  const values = new Map<string, Json | undefined>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {}))
    values.set(name, select(path, event));
  const { detail: _detail, ...withoutDetail } = event;
  values.set('aws.events.rule-arn', rule.ruleArn);
  values.set('aws.events.rule-name', rule.ruleName);
  values.set('aws.events.event.ingestion-time', new Date(rule.ingestedAt).toISOString());
  values.set('aws.events.event', {
    id: withoutDetail.id,
    account: withoutDetail.account,
    detailType: withoutDetail['detail-type'],
    time: withoutDetail.time,
    source: withoutDetail.source,
    region: withoutDetail.region,
    resources: withoutDetail.resources,
    version: withoutDetail.version,
  });
  values.set('aws.events.event.json', event as unknown as Json);

  const isJson = /^\s*[{[]/.test(template);
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i];
    if (char === '"' && !escaped(template, i)) inString = !inString;
    if (char === '<') {
      const match = /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i));
      if (match && values.has(match[1])) {
        out += insert(values.get(match[1]) ?? '', inString, isJson);
        i += match[0].length - 1;
        continue;
      }
    }
    out += char;
  }
  if (isJson && !parsesAsJson(out)) {
    return { failure: { code: 'INVALID_JSON', message: 'The input transformer produced invalid JSON' } };
  }
  return { payload: out };
}

function insert(value: Json, inString: boolean, jsonTemplate: boolean): string {
  if (typeof value === 'string') return inString ? value : `"${value}"`;
  const text = JSON.stringify(value);
  if (inString && !jsonTemplate && typeof value === 'object' && value !== null) return text.replace(/"/g, '');
  return text;
}

/** A JSONPath into the event (Jayway semantics, as AWS); undefined when it selects nothing. */
export function select(path: string, event: BusEvent): Json | undefined {
  const result = lookupPath(path, { input: event as unknown as Json, context: {}, variables: {} });
  return result.found ? result.value : undefined;
}

function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Whether `text` is JSON. */
export function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
