import type { Diagnostic } from './validate';

export type Language = 'JSONPath' | 'JSONata';

/** What every validation step shares while one definition is checked. */
export interface Context {
  readonly diagnostics: Diagnostic[];
  /** The top-level QueryLanguage: states inside branches and processors inherit it, not their parent's. */
  readonly machineLanguage: Language;
  /** State names seen so far: they must be unique across the whole machine, nested scopes included. */
  readonly stateNames: Set<string>;
  /** Validates a Parallel branch or Map processor as its own scope (injected to avoid an import cycle). */
  validateScope(value: unknown, location: string, kind: 'Branch' | 'ItemProcessor' | 'Iterator'): void;
}

export type JsonObject = { [key: string]: unknown };

export function report(ctx: Context, code: string, message: string, location: string): void {
  ctx.diagnostics.push({ severity: 'ERROR', code, message, location });
}

export function schema(ctx: Context, message: string, location: string): void {
  report(ctx, 'SCHEMA_VALIDATION_FAILED', message, location);
}

export function warn(ctx: Context, code: string, message: string, location: string): void {
  ctx.diagnostics.push({ severity: 'WARNING', code, message, location });
}

/** Locations read like AWS's: `/States/A/Catch[0]/Next`. */
export const at = (location: string, key: string): string => `${location === '/' ? '' : location}/${key}`;
export const item = (location: string, index: number): string => `${location}[${index}]`;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const has = (object: JsonObject, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(object, key);

export type JsonType = 'STRING' | 'INTEGER' | 'NUMBER' | 'BOOLEAN' | 'OBJECT' | 'ARRAY';

const TYPE_CHECKS: Record<JsonType, (value: unknown) => boolean> = {
  STRING: (value) => typeof value === 'string',
  INTEGER: (value) => Number.isInteger(value),
  NUMBER: (value) => typeof value === 'number',
  BOOLEAN: (value) => typeof value === 'boolean',
  OBJECT: isObject,
  ARRAY: Array.isArray,
};

/** Reports AWS's type error when `value` is not of `type`; true when it is. */
export function expectType(ctx: Context, value: unknown, type: JsonType, location: string): boolean {
  if (TYPE_CHECKS[type](value)) return true;
  schema(ctx, `Expected value of type [${type}]`, location);
  return false;
}

/** Integer within [min, max]; numbers print as AWS prints them for number (not integer) fields. */
export function expectRange(
  ctx: Context,
  value: unknown,
  { min, max, type = 'INTEGER' }: { min?: number; max?: number; type?: 'INTEGER' | 'NUMBER' },
  location: string,
): boolean {
  if (!expectType(ctx, value, type, location)) return false;
  const shown = (bound: number) =>
    type === 'NUMBER' && Number.isInteger(bound) ? bound.toFixed(1) : `${bound}`;
  if (min !== undefined && (value as number) < min) {
    schema(ctx, `Minimum value is ${shown(min)}`, location);
    return false;
  }
  if (max !== undefined && (value as number) > max) {
    schema(ctx, `Maximum value is ${shown(max)}`, location);
    return false;
  }
  return true;
}

/** A non-empty string; reports and returns false otherwise. */
export function expectName(ctx: Context, value: unknown, location: string): value is string {
  if (!expectType(ctx, value, 'STRING', location)) return false;
  if ((value as string).length > 0) return true;
  schema(ctx, 'Value cannot be empty', location);
  return false;
}

/** Reports every key of `object` not in `allowed`, at the object's own location as AWS does. */
export function rejectUnknownFields(
  ctx: Context,
  object: JsonObject,
  allowed: readonly string[],
  location: string,
): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) schema(ctx, `Field '${key}' is not supported`, location);
  }
}

export function requireFields(
  ctx: Context,
  object: JsonObject,
  required: readonly string[],
  location: string,
): boolean {
  const missing = required.filter((key) => !has(object, key));
  if (missing.length > 0) schema(ctx, `These fields are required: [${missing.join(', ')}]`, location);
  return missing.length === 0;
}

/** At most one of `fields`; reported at the first one present, where AWS points. */
export function atMostOne(
  ctx: Context,
  object: JsonObject,
  fields: readonly string[],
  location: string,
): boolean {
  const present = fields.filter((key) => has(object, key));
  if (present.length <= 1) return true;
  schema(
    ctx,
    `There should only be one of the following fields: [${fields.join(', ')}]`,
    at(location, present[0]),
  );
  return false;
}

export const isJsonataString = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith('{%');
