import type { Json } from '../../../../workflows/asl';
import { parseIntrinsic } from './intrinsic-parse';
import { evaluateIntrinsic } from './intrinsics';
import type { PathScope } from './jsonpath';
import { StatesError } from './states-error';

const scope = (input: Json, variables: Record<string, Json> = {}): PathScope => ({
  input,
  context: { StateMachine: { Name: 'lectern-grant-entitlement' } },
  variables,
});
const run = (text: string, input: Json = {}, variables: Record<string, Json> = {}): Json =>
  evaluateIntrinsic(text, scope(input, variables), 'value.$');

const failure = (text: string, input: Json = {}): StatesError => {
  try {
    run(text, input);
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error(`${text} did not fail`);
};

describe('parseIntrinsic', () => {
  it('parses literals, paths and nested calls', () => {
    expect(parseIntrinsic("States.Array('a', 1.5, null, true, $.x, States.UUID())").args).toEqual([
      { kind: 'literal', value: 'a', raw: 'a' },
      { kind: 'literal', value: 1.5 },
      { kind: 'literal', value: null },
      { kind: 'literal', value: true },
      { kind: 'path', path: '$.x' },
      { kind: 'call', call: { name: 'States.UUID', args: [] } },
    ]);
  });

  it('keeps a comma inside a bracketed path argument', () => {
    expect(parseIntrinsic("States.Array($['a,b'], $.c)").args).toEqual([
      { kind: 'path', path: "$['a,b']" },
      { kind: 'path', path: '$.c' },
    ]);
  });

  it('rejects an open escape in a string literal', () => {
    expect(() => parseIntrinsic("States.Format('a\\nb')")).toThrow(StatesError);
  });

  it('refuses more than 10 nested calls', () => {
    const nested = (depth: number): string => (depth === 0 ? "'x'" : `States.Array(${nested(depth - 1)})`);
    expect(() => parseIntrinsic(nested(10))).not.toThrow();
    expect(() => parseIntrinsic(nested(11))).toThrow(StatesError);
  });
});

describe('States.Format', () => {
  it('interpolates paths and literals (ASL specification example)', () => {
    const text = "States.Format('Your name is {}, we are in the year {}', $.name, 2020)";
    expect(run(text, { name: 'Foo', zebra: 'stripe' })).toBe('Your name is Foo, we are in the year 2020');
  });

  it('reads its template from a path', () => {
    expect(
      run('States.Format($.template, $.name)', { name: 'Arnav', template: 'Hello, my name is {}.' }),
    ).toBe('Hello, my name is Arnav.');
  });

  it('unescapes quotes and keeps escaped braces literal', () => {
    const text = "States.Format('Welcome to {} {}\\'s playlist \\{\\}.', $.firstName, $.lastName)";
    expect(run(text, { firstName: 'John', lastName: 'Doe' })).toBe("Welcome to John Doe's playlist {}.");
  });

  it('prints null, numbers and objects as AWS does', () => {
    const text = "States.Format('{} {} {} {}', $.n, $.f, $.o, $.a)";
    const input = { n: null, f: 1.1, o: { Arg1: 1, Arg2: [] }, a: ['x', 2] };
    expect(run(text, input)).toBe('null 1.1 {Arg1=1, Arg2=[]} [x, 2]');
  });

  it('fails when the placeholders and values do not match', () => {
    expect(failure("States.Format('{} and {}', 'one')").error).toBe('States.IntrinsicFailure');
  });
});

describe('JSON intrinsics', () => {
  it('States.StringToJson parses a string (specification example)', () => {
    expect(run('States.StringToJson($.someString)', { someString: '{"number": 20}' })).toEqual({
      number: 20,
    });
  });

  it('States.StringToJson turns a blank string into null', () => {
    expect(run('States.StringToJson($.s)', { s: ' ' })).toBeNull();
  });

  it('States.StringToJson fails on invalid JSON, naming the function', () => {
    const error = failure('States.StringToJson($.s)', { s: '{oops' });
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toContain('States.StringToJson');
  });

  it('States.JsonToString writes compact JSON (specification example)', () => {
    expect(run('States.JsonToString($.someJson)', { someJson: { name: 'Foo', year: 2020 } })).toBe(
      '{"name":"Foo","year":2020}',
    );
  });

  it('States.JsonMerge merges shallowly, the second object winning (documentation example)', () => {
    const input = { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } };
    expect(run('States.JsonMerge($.json1, $.json2, false)', input)).toEqual({
      a: { a3: 1, a4: 2 },
      b: 2,
      c: 3,
    });
  });

  it('States.JsonMerge refuses the deep mode, as AWS does', () => {
    const error = failure('States.JsonMerge($.a, $.b, true)', { a: {}, b: {} });
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toContain('States.JsonMerge');
  });

  it('States.JsonMerge accepts a nested call and a context path', () => {
    const text = 'States.JsonMerge(States.StringToJson(\'{"constant": "false"}\'), $$.StateMachine, false)';
    expect(run(text)).toEqual({ constant: 'false', Name: 'lectern-grant-entitlement' });
  });
});

describe('array intrinsics', () => {
  it('States.Array gathers its arguments (specification example)', () => {
    const input = { someJson: { random: 'abcdefg' }, zebra: 'stripe' };
    expect(run("States.Array('Foo', 2020, $.someJson, null)", input)).toEqual([
      'Foo',
      2020,
      { random: 'abcdefg' },
      null,
    ]);
  });

  it('States.ArrayPartition chunks an array (documentation example)', () => {
    expect(run('States.ArrayPartition($.inputArray,4)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toEqual(
      [[1, 2, 3, 4], [5, 6, 7, 8], [9]],
    );
  });

  it('States.ArrayPartition refuses a chunk size of zero', () => {
    expect(failure('States.ArrayPartition($.a, 0)', { a: [1] }).error).toBe('States.IntrinsicFailure');
  });

  it('States.ArrayContains compares values deeply', () => {
    expect(run('States.ArrayContains($.a, $.v)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9], v: 5 })).toBe(true);
    expect(run('States.ArrayContains($.a, $.v)', { a: [{ 1: 2, 2: [] }], v: { 2: [], 1: 2 } })).toBe(true);
    expect(run('States.ArrayContains($.a, $.v)', { a: [[1, 2, 3], 2], v: null })).toBe(false);
  });

  it('States.ArrayRange includes the end when reached (documentation and recorded examples)', () => {
    expect(run('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(run('States.ArrayRange(0, 10, 3)')).toEqual([0, 3, 6, 9]);
    expect(run('States.ArrayRange(1, 9, 9)')).toEqual([1]);
  });

  it('States.ArrayRange counts down with a negative step', () => {
    expect(run('States.ArrayRange(9, 1, -4)')).toEqual([9, 5, 1]);
  });

  it('States.ArrayRange refuses a zero step and more than 1000 items', () => {
    expect(failure('States.ArrayRange(1, 9, 0)').error).toBe('States.IntrinsicFailure');
    expect(run('States.ArrayRange(1, 1000, 1)')).toHaveLength(1000);
    expect(failure('States.ArrayRange(1, 1001, 1)').cause).toContain('1000');
  });

  it('States.ArrayGetItem returns the item at an index (documentation example)', () => {
    expect(
      run('States.ArrayGetItem($.inputArray, $.index)', {
        inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9],
        index: 5,
      }),
    ).toBe(6);
  });

  it('States.ArrayGetItem fails past the end of the array', () => {
    expect(failure('States.ArrayGetItem($.a, 3)', { a: [1, 2, 3] }).error).toBe('States.IntrinsicFailure');
  });

  it('States.ArrayLength counts the items', () => {
    expect(run('States.ArrayLength($.inputArray)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toBe(9);
  });

  it('States.ArrayUnique keeps the first of equal values', () => {
    expect(run('States.ArrayUnique($.inputArray)', { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] })).toEqual([
      1, 2, 3, 4,
    ]);
    expect(run('States.ArrayUnique($.a)', { a: [{ a: 1, b: 2 }, { b: 2, a: 1 }, [null], [null]] })).toEqual([
      { a: 1, b: 2 },
      [null],
    ]);
  });

  it('fails when an array function gets something else', () => {
    const error = failure('States.ArrayLength($.a)', { a: 'abc' });
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toContain('States.ArrayLength');
  });
});

describe('encoding and hashing intrinsics', () => {
  it('States.Base64Encode encodes (documentation example)', () => {
    expect(run('States.Base64Encode($.input)', { input: 'Data to encode' })).toBe('RGF0YSB0byBlbmNvZGU=');
  });

  it('States.Base64Decode decodes', () => {
    expect(run('States.Base64Decode($.base64)', { base64: 'RGF0YSB0byBlbmNvZGU=' })).toBe('Data to encode');
  });

  it('States.Base64Decode refuses text that is not Base64', () => {
    expect(failure('States.Base64Decode($.s)', { s: 'not base64!' }).error).toBe('States.IntrinsicFailure');
  });

  it('States.Base64Encode refuses more than 10,000 characters', () => {
    expect(run('States.Base64Encode($.s)', { s: 'a'.repeat(10_000) })).toHaveLength(13_336);
    expect(failure('States.Base64Encode($.s)', { s: 'a'.repeat(10_001) }).error).toBe(
      'States.IntrinsicFailure',
    );
  });

  it('States.Hash computes every supported digest of "input data"', () => {
    const hash = (algorithm: string): Json =>
      run('States.Hash($.Data, $.Algorithm)', { Data: 'input data', Algorithm: algorithm });
    expect(hash('MD5')).toBe('812f45842bc6d66ee14572ce20db8e86');
    expect(hash('SHA-1')).toBe('aaff4a450a104cd177d28d18d74485e8cae074b7');
    expect(hash('SHA-256')).toBe('b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3');
    expect(hash('SHA-384')).toBe(
      'd28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562',
    );
    expect(hash('SHA-512')).toBe(
      '6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4',
    );
  });

  it('States.Hash refuses an unknown algorithm and over-long data', () => {
    expect(failure("States.Hash('x', 'SHA-3')").error).toBe('States.IntrinsicFailure');
    expect(failure("States.Hash($.s, 'MD5')", { s: 'a'.repeat(10_001) }).error).toBe(
      'States.IntrinsicFailure',
    );
  });
});

describe('math, string and id intrinsics', () => {
  it('States.MathAdd adds (documentation example)', () => {
    expect(run('States.MathAdd($.value1, $.step)', { value1: 111, step: -1 })).toBe(110);
  });

  it('States.MathAdd rounds halves upwards, as AWS does', () => {
    expect(run('States.MathAdd(1.49, 1.5)')).toBe(3);
    expect(run('States.MathAdd(-1.5, 0)')).toBe(-1);
    expect(run('States.MathAdd(-0.5, 0)')).toBe(0);
    expect(run('States.MathAdd(2.5, 0)')).toBe(3);
  });

  it('States.MathAdd refuses values outside the 32-bit integer range', () => {
    expect(failure('States.MathAdd(2147483648, 0)').error).toBe('States.IntrinsicFailure');
  });

  it('States.MathRandom stays within [start, end)', () => {
    for (let i = 0; i < 50; i++) {
      const value = run('States.MathRandom($.start, $.end)', { start: 1, end: 3 }) as number;
      expect([1, 2]).toContain(value);
    }
  });

  it('States.MathRandom repeats itself for the same seed', () => {
    const first = run('States.MathRandom(1, 999, 42)');
    expect(run('States.MathRandom(1, 999, 42)')).toBe(first);
  });

  it('States.StringSplit splits on every delimiter character and drops empty pieces', () => {
    expect(
      run('States.StringSplit($.inputString, $.splitter)', { inputString: '1,2,3,4,5', splitter: ',' }),
    ).toEqual(['1', '2', '3', '4', '5']);
    expect(run('States.StringSplit($.s, $.d)', { s: 'This.is+a,test=string', d: '.+,=' })).toEqual([
      'This',
      'is',
      'a',
      'test',
      'string',
    ]);
    expect(run("States.StringSplit($.s, ',')", { s: ', , ,' })).toEqual([' ', ' ']);
  });

  it('nested calls pick the last part of a split name (AWS nested example)', () => {
    const text =
      "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))";
    expect(run(text)).toBe('entitlement');
  });

  it('States.UUID returns a version 4 UUID', () => {
    expect(run('States.UUID()')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('arguments', () => {
  it('reads variables', () => {
    expect(run("States.Format('Hi {}', $user.name)", {}, { user: { name: 'Ana' } })).toBe('Hi Ana');
  });

  it('fails with States.Runtime when a path argument names nothing', () => {
    const error = failure('States.ArrayLength($.missing)', { a: 1 });
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      "The JSONPath '$.missing' specified for the field 'value.$' could not be found in the input '{\"a\":1}'",
    );
  });

  it('fails on a wrong number of arguments, naming the function', () => {
    const error = failure("States.Base64Encode('a', 'b')");
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toContain('States.Base64Encode');
  });

  it('fails on an unknown function', () => {
    expect(failure("States.Reverse('abc')").error).toBe('States.IntrinsicFailure');
  });
});
