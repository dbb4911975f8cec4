import { EventPattern, InvalidEventPatternError } from './pattern';

/**
 * Refused patterns and the reasons AWS gives. The cases marked "recorded" are answers AWS gave
 * to TestEventPattern (recorded by LocalStack's snapshot tests); the others are the messages of
 * Event Ruler's JsonRuleCompiler for the same kind of mistake.
 */

function reason(pattern: string | object): string {
  try {
    EventPattern.compile(typeof pattern === 'string' ? pattern : JSON.stringify(pattern));
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return error.reason;
    throw error;
  }
  throw new Error('the pattern was accepted');
}

describe('structure', () => {
  it('prefixes every message as AWS does', () => {
    expect(() => EventPattern.compile('[]')).toThrow(
      'Event pattern is not valid. Reason: Filter is not an object',
    );
  });

  it('refuses a value that is neither an object nor an array (recorded)', () => {
    expect(reason({ int: 42 })).toBe('"int" must be an object or an array');
    expect(reason({ string: 'my-value' })).toBe('"string" must be an object or an array');
  });

  it('refuses empty arrays (recorded)', () => {
    expect(reason({ resources: [] })).toBe('Empty arrays are not allowed');
  });

  it('refuses empty objects', () => {
    expect(reason({})).toBe('Empty objects are not allowed');
    expect(reason({ detail: {} })).toBe('Empty objects are not allowed');
  });

  it('refuses nested arrays as values', () => {
    expect(reason({ a: [['x']] })).toBe('Match value must be String, number, true, false, or null');
  });

  it('refuses text that is not JSON', () => {
    expect(reason('{"source": [')).toMatch(/JSON/);
  });

  it('refuses unknown and wrongly cased operators (recorded)', () => {
    expect(reason({ my_key: [{ EXISTS: true }] })).toBe('Unrecognized match type EXISTS');
    expect(reason({ detail: { equal: [{ NUMERIC: ['=', 5] }] } })).toBe('Unrecognized match type NUMERIC');
  });

  it('refuses an empty match expression', () => {
    expect(reason({ a: [{}] })).toBe('Match expression name not found');
  });

  it('refuses two keys in one match expression', () => {
    expect(reason({ a: [{ prefix: 'a', suffix: 'b' }] })).toBe('Only one key allowed in match expression');
  });
});

describe('$or', () => {
  it('must be an array', () => {
    expect(reason({ $or: { a: ['x'] } })).toBe('It must be an Array followed with $or.');
  });

  it('must hold objects', () => {
    expect(reason({ $or: [{ a: ['x'] }, 'b'] })).toBe(
      'Only JSON object is allowed in array of $or relationship.',
    );
  });

  it('must hold at least two objects', () => {
    expect(reason({ $or: [{ a: ['x'] }] })).toBe('There must have at least 2 Objects in $or relationship.');
  });

  it('may not use an operator name as a field', () => {
    expect(reason({ $or: [{ numeric: [123] }, { prefix: ['abc'] }] })).toBe(
      'numeric is Ruler reserved fieldName which cannot be used inside $or.',
    );
  });
});

describe('prefix, suffix, equals-ignore-case', () => {
  it('needs a string (recorded)', () => {
    expect(reason({ time: [{ prefix: 123 }] })).toBe('prefix match pattern must be a string');
    expect(reason({ time: [{ prefix: ['2022-07-13'] }] })).toBe('prefix match pattern must be a string');
    expect(reason({ FileName: [{ suffix: 123 }] })).toBe('suffix match pattern must be a string');
    expect(reason({ FileName: [{ suffix: ['.png'] }] })).toBe('suffix match pattern must be a string');
  });

  it('needs a string for equals-ignore-case (recorded)', () => {
    expect(reason({ 'detail-type': [{ 'equals-ignore-case': ['x'] }] })).toBe(
      'equals-ignore-case match pattern must be a string',
    );
    expect(reason({ 'detail-type': [{ 'equals-ignore-case': { prefix: 'ec2' } }] })).toBe(
      'equals-ignore-case match pattern must be a string',
    );
  });

  it('only knows equals-ignore-case inside prefix and suffix', () => {
    expect(reason({ a: [{ prefix: { suffix: 'x' } }] })).toBe('Unsupported prefix pattern: suffix');
    expect(reason({ a: [{ suffix: {} }] })).toBe('Suffix expression name not found');
    expect(reason({ a: [{ prefix: { 'equals-ignore-case': 1 } }] })).toBe(
      'equals-ignore-case match pattern must be a string',
    );
  });
});

describe('anything-but', () => {
  it('needs an array or a single string or number (recorded)', () => {
    expect(reason({ detail: { state: [{ 'anything-but': null }] } })).toBe(
      'Value of anything-but must be an array or single string/number value.',
    );
  });

  it('does not combine prefix or suffix with equals-ignore-case (recorded)', () => {
    const message = 'Value of anything-but must be an array or single string/number value.';
    expect(reason({ d: { f: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'file' } } }] } })).toBe(
      message,
    );
    expect(reason({ d: { f: [{ 'anything-but': { suffix: { 'equals-ignore-case': '.png' } } }] } })).toBe(
      message,
    );
  });

  it('refuses null in a list (recorded)', () => {
    expect(reason({ detail: { state: [{ 'anything-but': ['stopped', null] }] } })).toBe(
      'Inside anything but list, start|null|boolean is not supported.',
    );
  });

  it('refuses a list mixing numbers and strings', () => {
    expect(reason({ a: [{ 'anything-but': ['x', 1] }] })).toBe(
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    );
  });

  it('refuses numbers in equals-ignore-case (recorded)', () => {
    const message =
      'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.';
    expect(reason({ detail: { state: [{ 'anything-but': { 'equals-ignore-case': 123 } }] } })).toBe(message);
    expect(reason({ detail: { state: [{ 'anything-but': { 'equals-ignore-case': [123, 456] } }] } })).toBe(
      message,
    );
  });

  it('needs strings for prefix and suffix (recorded)', () => {
    const message = 'prefix/suffix match pattern must be a string';
    expect(reason({ detail: { state: [{ 'anything-but': { prefix: 123 } }] } })).toBe(message);
    expect(reason({ detail: { state: [{ 'anything-but': { prefix: [123, 'test'] } }] } })).toBe(message);
    expect(reason({ detail: { f: [{ 'anything-but': { suffix: 123 } }] } })).toBe(message);
    expect(reason({ detail: { f: [{ 'anything-but': { suffix: [null, '.txt'] } }] } })).toBe(message);
  });

  it('refuses an empty prefix or suffix (recorded)', () => {
    expect(reason({ detail: { f: [{ 'anything-but': { prefix: '' } }] } })).toBe(
      'Null prefix/suffix not allowed',
    );
    expect(reason({ detail: { f: [{ 'anything-but': { suffix: '' } }] } })).toBe(
      'Null prefix/suffix not allowed',
    );
  });

  it('needs strings for wildcard (recorded)', () => {
    const message = 'wildcard match pattern must be a string';
    expect(reason({ detail: { f: [{ 'anything-but': { wildcard: 123 } }] } })).toBe(message);
    expect(reason({ detail: { f: [{ 'anything-but': { wildcard: [123, '*/dir/*'] } }] } })).toBe(message);
  });

  it('knows only its four forms', () => {
    expect(reason({ a: [{ 'anything-but': { numeric: ['>', 1] } }] })).toBe(
      'Unsupported anything-but pattern: numeric',
    );
    expect(reason({ a: [{ 'anything-but': {} }] })).toBe('Anything-But expression name not found');
  });
});

describe('numeric', () => {
  it('needs an array (recorded)', () => {
    expect(reason({ detail: { 'c-count': [{ numeric: 10 }] } })).toBe('Value of numeric must be an array.');
  });

  it('refuses a second lower bound (recorded)', () => {
    expect(reason({ detail: { 'c-count': [{ numeric: ['>', 0, '>', 0] }] } })).toBe(
      'Bad numeric range operator: >',
    );
  });

  it('needs a number after each operator (recorded)', () => {
    expect(reason({ detail: { 'c-count': [{ numeric: ['>', 0, '<'] }] } })).toBe(
      'Value of < must be numeric',
    );
    expect(reason({ n: [{ numeric: ['=', '5'] }] })).toBe('Value of equals must be numeric');
    expect(reason({ n: [{ numeric: ['>=', null] }] })).toBe('Value of >= must be numeric');
  });

  it('starts with an operator', () => {
    expect(reason({ n: [{ numeric: [5, '<'] }] })).toBe('Invalid member in numeric match: 5');
    expect(reason({ n: [{ numeric: [] }] })).toBe('Invalid member in numeric match: ]');
    expect(reason({ n: [{ numeric: ['!=', 5] }] })).toBe('Unrecognized numeric range operator: !=');
  });

  it('refuses extra terms', () => {
    expect(reason({ n: [{ numeric: ['<', 5, '>', 1] }] })).toBe('Too many elements in numeric expression');
    expect(reason({ n: [{ numeric: ['>', 1, '<', 5, 6] }] })).toBe(
      'Too many terms in numeric range expression',
    );
    expect(reason({ n: [{ numeric: ['>', 1, 5] }] })).toBe('Bad value in numeric range: 5');
  });

  it('needs the bottom below the top', () => {
    expect(reason({ n: [{ numeric: ['>=', 5, '<=', 5] }] })).toBe('Bottom must be less than top');
  });
});

describe('cidr', () => {
  it('needs one slash (recorded)', () => {
    expect(reason({ detail: { ip: [{ cidr: 'bad-filter' }] } })).toBe("Malformed CIDR, one '/' required");
  });

  it('needs integer mask bits (recorded)', () => {
    expect(reason({ detail: { ip: [{ cidr: 'bad-/64filter' }] } })).toBe(
      'Malformed CIDR, mask bits must be an integer',
    );
  });

  it('needs an address (recorded)', () => {
    expect(reason({ detail: { ip: [{ cidr: 'xx.11.xx/8' }] } })).toBe('Nonstandard IP address: xx.11.xx');
    expect(reason({ detail: { ip: [{ cidr: 'xxxx:db8:1234:1a00::/64' }] } })).toBe(
      'Nonstandard IP address: xxxx:db8:1234:1a00::',
    );
  });

  it('needs a string (recorded, with the prefix wording AWS uses)', () => {
    expect(reason({ detail: { ip: [{ cidr: ['bad-type'] }] } })).toBe(
      'prefix match pattern must be a string',
    );
  });

  it('refuses an address-shaped text that is no address', () => {
    expect(reason({ ip: [{ cidr: '10.0.0.256/24' }] })).toBe('Invalid IP address: 10.0.0.256');
  });

  it('bounds the mask bits', () => {
    expect(reason({ ip: [{ cidr: '10.0.0.0/32' }] })).toBe('IPv4 mask bits must be < 32');
    expect(reason({ ip: [{ cidr: '::/128' }] })).toBe('IPv6 mask bits must be < 128');
    expect(reason({ ip: [{ cidr: '10.0.0.0/-1' }] })).toBe('Malformed CIDR, mask bits must not be negative');
  });
});

describe('exists', () => {
  it('needs true or false', () => {
    expect(reason({ a: [{ exists: 'yes' }] })).toBe('exists match pattern must be either true or false.');
  });
});

describe('wildcard', () => {
  it('needs a string (recorded)', () => {
    expect(reason({ EventBusArn: [{ wildcard: 123 }] })).toBe('wildcard match pattern must be a string');
    expect(reason({ EventBusArn: [{ wildcard: ['a*'] }] })).toBe('wildcard match pattern must be a string');
  });

  it('refuses consecutive stars, counting from the opening quote (recorded)', () => {
    expect(reason({ EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:**:event-bus/*' }] })).toBe(
      'Consecutive wildcard characters at pos 26',
    );
  });

  it('refuses an escape of anything but a star or a backslash', () => {
    expect(reason({ a: [{ wildcard: 'ab\\c' }] })).toBe('Invalid escape character at pos 3');
  });

  it('refuses a rule too complex (recorded)', () => {
    expect(reason({ EventBusArn: [{ wildcard: '*:*:*:*:*:event-bus/*' }] })).toBe(
      'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
    );
  });

  it('adds up the wildcards of one field, anything-but included', () => {
    const stacks = ['Alpha', 'Beta', 'Gamma', 'Delta'].map((name) => ({ wildcard: `*:stack/${name}/*` }));
    expect(() => EventPattern.compile(JSON.stringify({ id: stacks.slice(0, 3) }))).not.toThrow();
    expect(reason({ id: stacks })).toMatch(/^Rule is too complex/);
    expect(
      reason({ id: [...stacks.slice(0, 3), { 'anything-but': { wildcard: '*:stack/Delta/*' } }] }),
    ).toMatch(/^Rule is too complex/);
  });

  it('accepts the repeating sequence AWS accepts', () => {
    expect(() =>
      EventPattern.compile(JSON.stringify({ f: [{ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }] })),
    ).not.toThrow();
  });
});
