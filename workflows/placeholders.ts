/**
 * `${Name}` placeholders in workflow definitions: both targets fill them in, the CDK app through
 * `DefinitionSubstitutions` and the local runtime through `substitute`.
 */

// Any non-empty `${…}`, not only identifiers: CloudFormation would also try to resolve
// `${AWS::Region}` or `${Some.Attr}`, so both targets must see (and refuse) the same set.
const PLACEHOLDER = /\$\{([^{}]+)\}/g;

/** Thrown when a definition uses a placeholder that no value is given for. */
export class UnboundPlaceholderError extends Error {
  override readonly name = 'UnboundPlaceholderError';

  constructor(
    readonly workflow: string | undefined,
    readonly placeholders: string[],
  ) {
    const list = placeholders.map((p) => '${' + p + '}').join(', ');
    super(`${workflow === undefined ? 'A workflow' : `Workflow "${workflow}"`} has no value for ${list}`);
  }
}

/** The placeholder names in any string (value or key) of `definition`, once each, in order of first use. */
export function placeholdersOf(definition: unknown): string[] {
  const found = new Set<string>();
  walk(definition, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) found.add(match[1]);
    return text;
  });
  return [...found];
}

/**
 * A copy of `definition` with every `${Name}` replaced by `values[Name]`; throws
 * `UnboundPlaceholderError` naming `workflowName` and every placeholder without a value.
 */
export function substitute<T>(
  definition: T,
  values: Readonly<Record<string, string>>,
  workflowName?: string,
): T {
  const unbound = placeholdersOf(definition).filter((name) => !Object.hasOwn(values, name));
  if (unbound.length > 0) throw new UnboundPlaceholderError(workflowName, unbound);
  // A replacement is never scanned again, so a value that itself contains `${…}` stays as given.
  return walk(definition, (text) => text.replace(PLACEHOLDER, (_match, name: string) => values[name])) as T;
}

function walk(node: unknown, onString: (text: string) => string): unknown {
  if (typeof node === 'string') return onString(node);
  if (Array.isArray(node)) return node.map((item) => walk(item, onString));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [onString(key), walk(value, onString)]),
    );
  }
  return node;
}
