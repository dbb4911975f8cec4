import jsonata from 'jsonata';
import { at, isObject, item, report, schema, type Context } from './validate-context';

/** Where an expression sits decides which `$states` fields it may read. */
export interface JsonataScope {
  /** Only a Catcher's Output and Assign see `$states.errorOutput`. */
  errorOutput: boolean;
}

const NO_ERROR_OUTPUT: JsonataScope = { errorOutput: false };

type Node = { type?: string; value?: unknown; steps?: Node[]; [key: string]: unknown };

/**
 * Step Functions evaluates JSONata with no context item, so AWS refuses a path that starts from a
 * bare name (`phone` instead of `$states.input.phone`) and the `$$` root, at definition time.
 */
function unsupportedReferences(node: unknown, atRoot: boolean, scope: JsonataScope, found: string[]): void {
  if (Array.isArray(node)) {
    for (const child of node) unsupportedReferences(child, atRoot, scope, found);
    return;
  }
  if (!isObject(node)) return;
  const n = node as Node;
  if (n.type === 'variable' && n.value === '$') found.push("Reference to '$$' is not supported.");
  if (n.type === 'path' && Array.isArray(n.steps)) {
    n.steps.forEach((step, index) => {
      const first = index === 0 && atRoot;
      if (first && step.type === 'name')
        found.push(`Reference to '${String(step.value)}' at the top level is not supported.`);
      unsupportedReferences(step, first, scope, found);
    });
    const [head, second] = n.steps;
    if (
      head?.type === 'variable' &&
      head.value === 'states' &&
      second?.value === 'errorOutput' &&
      !scope.errorOutput
    ) {
      found.push("Field '$states.errorOutput' does not exist.");
    }
    unsupportedReferences(n.group, false, scope, found);
    return;
  }
  for (const [key, child] of Object.entries(n)) {
    if (key === 'position' || key === 'value') continue;
    // Filters, predicates, groupings and sort terms evaluate against each item, never the root.
    const relative = key === 'stages' || key === 'predicate' || key === 'group' || key === 'terms';
    unsupportedReferences(child, atRoot && !relative, scope, found);
  }
}

/** Checks one `{% … %}` string: it must be closed, parse, and read only what AWS offers. */
export function checkJsonataString(
  ctx: Context,
  text: string,
  location: string,
  scope = NO_ERROR_OUTPUT,
): void {
  if (!text.startsWith('{%') || !text.endsWith('%}') || text.length < 4) {
    schema(ctx, 'JSONata string must start with {% and end with %}', location);
    return;
  }
  let ast: unknown;
  try {
    ast = jsonata(text.slice(2, -2)).ast();
  } catch (error) {
    report(ctx, 'INVALID_JSONATA_EXPRESSION', (error as Error).message, location);
    return;
  }
  const found: string[] = [];
  unsupportedReferences(ast, true, scope, found);
  for (const message of new Set(found)) report(ctx, 'UNSUPPORTED_JSONATA_EXPRESSION', message, location);
}

/** Checks every `{% … %}` string inside a JSONata-state value (Arguments, Output, Assign, Items, …). */
export function checkJsonataValue(
  ctx: Context,
  value: unknown,
  location: string,
  scope = NO_ERROR_OUTPUT,
): void {
  if (typeof value === 'string') {
    if (value.startsWith('{%')) checkJsonataString(ctx, value, location, scope);
  } else if (Array.isArray(value)) {
    value.forEach((inner, index) => checkJsonataValue(ctx, inner, item(location, index), scope));
  } else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) checkJsonataValue(ctx, inner, at(location, key), scope);
  }
}
