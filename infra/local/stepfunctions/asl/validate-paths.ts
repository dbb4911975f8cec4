import { at, isObject, report, schema, warn, type Context } from './validate-context';

/** Which roots a path may start from: `$` always, `$$` (the Context object) and `$name` (a variable) when allowed. */
export interface PathRoots {
  context: boolean;
  variables: boolean;
}

const ANY_ROOT: PathRoots = { context: true, variables: true };
const IDENTIFIER_START = /\p{ID_Start}/u;
const IDENTIFIER_PART = /\p{ID_Continue}/u;

/** Index after the root (`$`, `$$`, `$name`), or -1 when the path does not start with an allowed root. */
function rootEnd(path: string, roots: PathRoots): number {
  if (path.startsWith('$$')) return roots.context ? 2 : -1;
  if (!path.startsWith('$')) return -1;
  const chars = [...path];
  if (chars.length < 2 || !IDENTIFIER_START.test(chars[1])) return 1;
  if (!roots.variables) return -1;
  let end = 2;
  while (end < chars.length && IDENTIFIER_PART.test(chars[end])) end++;
  return chars.slice(0, end).join('').length;
}

/** Index of the `]` closing the bracket opened at `open`, honouring quotes and nesting; -1 if none. */
function closingBracket(path: string, open: number): number {
  let depth = 0;
  for (let i = open; i < path.length; i++) {
    const c = path[i];
    if (c === "'" || c === '"') {
      const end = path.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0) return c === ']' ? i : -1;
    }
  }
  return -1;
}

/** A JSONPath as AWS's Jayway parser accepts it: a root, then `.name`, `..name`, `.*` or `[…]` segments. */
export function isJsonPath(path: string, roots: PathRoots = ANY_ROOT): boolean {
  let i = rootEnd(path, roots);
  if (i < 0) return false;
  while (i < path.length) {
    if (path[i] === '[') {
      const close = closingBracket(path, i);
      if (close < 0 || path.slice(i + 1, close).trim() === '') return false;
      i = close + 1;
    } else if (path[i] === '.') {
      i += path[i + 1] === '.' ? 2 : 1;
      if (path[i] === '[') continue;
      const name = /^(\*|[^.[\]]+)/.exec(path.slice(i));
      if (!name) return false;
      i += name[0].length;
    } else return false;
  }
  return true;
}

const REFERENCE_SEGMENT = /^(\.[^.[\]*?@,:()]+|\['[^']*'\]|\["[^"]*"\]|\[\d+\])/;

/** A path that selects one node: no wildcards, filters, slices, unions or deep scans. */
export function isReferencePath(path: string, roots: PathRoots): boolean {
  let i = rootEnd(path, roots);
  if (i < 0) return false;
  while (i < path.length) {
    const segment = REFERENCE_SEGMENT.exec(path.slice(i));
    if (!segment) return false;
    i += segment[0].length;
  }
  return true;
}

/** Checks a `…Path` field that must hold a Reference Path; reports at the field. */
export function checkReferencePath(
  ctx: Context,
  value: unknown,
  roots: PathRoots,
  location: string,
  nullable = false,
): void {
  if (value === null && nullable) return;
  if (typeof value !== 'string') {
    schema(ctx, 'Expected value of type [STRING]', location);
  } else if (!value.startsWith('$')) {
    schema(ctx, "Value is not a Reference Path: Reference path didn't start with '$'", location);
  } else if (!isReferencePath(value, roots)) {
    schema(ctx, 'Value is not a Reference Path', location);
  }
}

/** Checks InputPath/OutputPath-style fields: any JSONPath, or null. */
export function checkPath(ctx: Context, value: unknown, field: string, location: string): void {
  if (value === null) return;
  if (typeof value !== 'string' || !isJsonPath(value)) {
    schema(ctx, `The value for the field '${field}' must be a valid JSONPath`, location);
  }
}

/** Intrinsic functions and how many arguments each takes (`[min, max]`). */
const INTRINSICS: Record<string, [number, number]> = {
  'States.Format': [1, Infinity],
  'States.StringToJson': [1, 1],
  'States.JsonToString': [1, 1],
  'States.Array': [0, Infinity],
  'States.ArrayPartition': [2, 2],
  'States.ArrayContains': [2, 2],
  'States.ArrayRange': [3, 3],
  'States.ArrayGetItem': [2, 2],
  'States.ArrayLength': [1, 1],
  'States.ArrayUnique': [1, 1],
  'States.Base64Encode': [1, 1],
  'States.Base64Decode': [1, 1],
  'States.Hash': [2, 2],
  'States.JsonMerge': [3, 3],
  'States.MathRandom': [2, 3],
  'States.MathAdd': [2, 2],
  'States.StringSplit': [2, 2],
  'States.UUID': [0, 0],
};

/** Parses `States.Fn(arg, …)` from `start`; returns the index after it, or -1 when it does not parse. */
function parseCall(text: string, start: number): number {
  const name = /^States\.[A-Za-z0-9]+/.exec(text.slice(start));
  if (!name || !(name[0] in INTRINSICS)) return -1;
  let i = start + name[0].length;
  if (text[i] !== '(') return -1;
  i++;
  let count = 0;
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  skipSpaces();
  if (text[i] === ')') i++;
  else {
    for (;;) {
      skipSpaces();
      i = parseArgument(text, i);
      if (i < 0) return -1;
      count++;
      skipSpaces();
      if (text[i] === ',') i++;
      else if (text[i] === ')') {
        i++;
        break;
      } else return -1;
    }
  }
  const [min, max] = INTRINSICS[name[0]];
  return count >= min && count <= max ? i : -1;
}

function parseArgument(text: string, start: number): number {
  const rest = text.slice(start);
  if (rest.startsWith("'")) {
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === "'") return i + 1;
    }
    return -1;
  }
  if (rest.startsWith('States.')) return parseCall(text, start);
  if (rest.startsWith('$')) {
    let i = start;
    while (i < text.length && text[i] !== ',' && text[i] !== ')') {
      if (text[i] === '[') {
        const close = closingBracket(text, i);
        if (close < 0) return -1;
        i = close;
      }
      i++;
    }
    return isJsonPath(text.slice(start, i).trimEnd()) ? i : -1;
  }
  const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(rest);
  return literal ? start + literal[0].length : -1;
}

/** A whole intrinsic function call, e.g. `States.Format('{}', $.name)`, with known names and arities. */
export function isIntrinsicCall(text: string): boolean {
  const end = parseCall(text, 0);
  return end > 0 && text.slice(end).trim() === '';
}

/** The value of a `….$` key, or of ErrorPath/CausePath: a path or an intrinsic function call. */
export const isDynamicValue = (value: unknown): boolean =>
  typeof value === 'string' && (value.startsWith('States.') ? isIntrinsicCall(value) : isJsonPath(value));

const LOOKS_DYNAMIC = /^(\$\$?\.|States\.[A-Za-z0-9]+\()/;

/**
 * A JSONPath payload template (Parameters, ResultSelector, ItemSelector, JSONPath Assign): every
 * `….$` key, in nested objects too, must hold a path or an intrinsic call.
 */
export function checkPayloadTemplate(ctx: Context, value: unknown, location: string): void {
  if (!isObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    const where = at(location, key);
    if (key.endsWith('.$')) {
      if (!isDynamicValue(inner)) {
        schema(
          ctx,
          `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`,
          where,
        );
      }
    } else if (typeof inner === 'string' && LOOKS_DYNAMIC.test(inner)) {
      warn(
        ctx,
        'NO_DOLLAR',
        `The field '${key}' looks like a JSONPath or intrinsic function but does not end with '.$'`,
        where,
      );
    } else {
      checkPayloadTemplate(ctx, inner, where);
    }
  }
}

/** Pass Result is returned as is: a `….$` key there is almost certainly a mistake. */
export function checkStaticResult(ctx: Context, value: unknown, location: string): void {
  if (!isObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    const where = at(location, key);
    if (key.endsWith('.$')) {
      warn(
        ctx,
        'PASS_RESULT_IS_STATIC',
        `The field '${key}' of a Pass state's Result is static and is not evaluated`,
        where,
      );
    } else checkStaticResult(ctx, inner, where);
  }
}

const MAX_VARIABLE_NAME = 80;

/** Assign keys (less a JSONPath `.$`): Unicode identifiers (ID_Start then ID_Continue), at most 80 characters, never `states`. */
export function checkVariableName(ctx: Context, name: string, location: string): void {
  const chars = [...name];
  if (name === 'states') {
    report(ctx, 'RESERVED_VARIABLE_NAME', "Cannot assign to reserved variable '$states'.", location);
  } else if (
    chars.length === 0 ||
    !IDENTIFIER_START.test(chars[0]) ||
    !chars.every((c) => IDENTIFIER_PART.test(c))
  ) {
    report(
      ctx,
      'INVALID_VARIABLE_NAME',
      `Invalid variable name '${name}': the variable name contains invalid characters.`,
      location,
    );
  } else if (chars.length > MAX_VARIABLE_NAME) {
    report(
      ctx,
      'INVALID_VARIABLE_NAME',
      `Invalid variable name '${name}': the variable name exceeds the ${MAX_VARIABLE_NAME}-character limit.`,
      location,
    );
  }
}
