/** An input dynalite may be sent, or the error AWS answers instead. */
export type Guarded = { input: Record<string, unknown> } | { error: { __type: string; message: string } };

/**
 * Makes a request safe for dynalite, which throws from inside its request handler (and, in this
 * process, would take the whole runtime down) on some malformed inputs a fuzzer found: a JSON
 * null inside a map or list, and a Tag without Key or Value. Nulls are dropped, as AWS's JSON
 * protocol reads a null member as an absent one; the rest gets AWS's error.
 */
export function guardRequest(operation: string, body: unknown): Guarded {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      error: {
        __type: 'com.amazon.coral.service#SerializationException',
        message: 'Start of list found where not expected',
      },
    };
  }
  const input = withoutNulls(body) as Record<string, unknown>;
  if (operation === 'TagResource' && Array.isArray(input.Tags)) {
    for (const [i, tag] of input.Tags.entries()) {
      for (const member of ['Key', 'Value'] as const) {
        if (typeof tag === 'object' && tag !== null && !(member in tag)) {
          return {
            error: {
              __type: 'com.amazon.coral.validate#ValidationException',
              message: `1 validation error detected: Value null at 'tags.${i + 1}.member.${member.toLowerCase()}' failed to satisfy constraint: Member must not be null`,
            },
          };
        }
      }
    }
  }
  return { input };
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, member]) => member !== null)
        .map(([name, member]) => [name, withoutNulls(member)]),
    );
  }
  return value;
}
