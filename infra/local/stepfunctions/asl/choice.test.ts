import type { ChoiceRule, Json } from '../../../../workflows/asl';
import { matchesCondition, matchesRule } from './choice';
import type { PathScope } from './jsonpath';
import { StatesError } from './states-error';

const scope = (input: Json, variables: Record<string, Json> = {}): PathScope => ({
  input,
  context: { Execution: { StartTime: '2024-05-01T10:00:00Z' } },
  variables,
});
const matches = (rule: ChoiceRule, input: Json, variables: Record<string, Json> = {}): boolean =>
  matchesRule(rule, scope(input, variables));

describe('string comparisons', () => {
  it('StringEquals compares exactly', () => {
    expect(matches({ Variable: '$.type', StringEquals: 'Private' }, { type: 'Private' })).toBe(true);
    expect(matches({ Variable: '$.type', StringEquals: 'Private' }, { type: 'private' })).toBe(false);
  });

  it('orders strings character by character', () => {
    expect(matches({ Variable: '$.s', StringLessThan: 'b' }, { s: 'abc' })).toBe(true);
    expect(matches({ Variable: '$.s', StringGreaterThan: 'b' }, { s: 'abc' })).toBe(false);
    expect(matches({ Variable: '$.s', StringLessThanEquals: 'abc' }, { s: 'abc' })).toBe(true);
    expect(matches({ Variable: '$.s', StringGreaterThanEquals: 'abd' }, { s: 'abc' })).toBe(false);
  });

  it('StringMatches treats * as a wildcard (specification examples)', () => {
    expect(matches({ Variable: '$.f', StringMatches: 'foo*.log' }, { f: 'foo23.log' })).toBe(true);
    expect(matches({ Variable: '$.f', StringMatches: '*.log' }, { f: 'zebra.log' })).toBe(true);
    expect(matches({ Variable: '$.f', StringMatches: 'foo*.*' }, { f: 'foobar.zebra' })).toBe(true);
    expect(matches({ Variable: '$.f', StringMatches: '*.log' }, { f: 'zebra.txt' })).toBe(false);
  });

  it('StringMatches gives regular-expression characters no meaning', () => {
    expect(matches({ Variable: '$.f', StringMatches: 'a.c' }, { f: 'abc' })).toBe(false);
    expect(matches({ Variable: '$.f', StringMatches: '(x)+' }, { f: '(x)+' })).toBe(true);
  });

  it('StringMatches reads \\* as a literal star and \\\\ as a backslash', () => {
    expect(matches({ Variable: '$.f', StringMatches: 'a\\*' }, { f: 'a*' })).toBe(true);
    expect(matches({ Variable: '$.f', StringMatches: 'a\\*' }, { f: 'ab' })).toBe(false);
    expect(matches({ Variable: '$.f', StringMatches: 'c:\\\\*' }, { f: 'c:\\temp' })).toBe(true);
  });

  it('StringEqualsPath compares with another field', () => {
    expect(matches({ Variable: '$.a', StringEqualsPath: '$.b' }, { a: 'x', b: 'x' })).toBe(true);
  });
});

describe('numeric, boolean and timestamp comparisons', () => {
  it('compares numbers', () => {
    const input = { value: 22 };
    expect(matches({ Variable: '$.value', NumericEquals: 22 }, input)).toBe(true);
    expect(matches({ Variable: '$.value', NumericLessThan: 30 }, input)).toBe(true);
    expect(matches({ Variable: '$.value', NumericGreaterThan: 22 }, input)).toBe(false);
    expect(matches({ Variable: '$.value', NumericLessThanEquals: 22 }, input)).toBe(true);
    expect(matches({ Variable: '$.value', NumericGreaterThanEquals: 20 }, input)).toBe(true);
  });

  it('NumericGreaterThanPath reads the threshold from the input (specification example)', () => {
    const rule = { Variable: '$.rating', NumericGreaterThanPath: '$.auditThreshold' };
    expect(matches(rule, { rating: 53, auditThreshold: 50 })).toBe(true);
    expect(matches(rule, { rating: 47, auditThreshold: 50 })).toBe(false);
  });

  it('is false, not an error, when the types differ', () => {
    expect(matches({ Variable: '$.value', NumericEquals: 1 }, { value: '1' })).toBe(false);
    expect(matches({ Variable: '$.value', StringEquals: '1' }, { value: 1 })).toBe(false);
    expect(matches({ Variable: '$.value', BooleanEquals: true }, { value: 'true' })).toBe(false);
  });

  it('BooleanEquals and BooleanEqualsPath compare booleans', () => {
    expect(matches({ Variable: '$.paid', BooleanEquals: true }, { paid: true })).toBe(true);
    expect(
      matches({ Variable: '$.paid', BooleanEqualsPath: '$.expected' }, { paid: false, expected: true }),
    ).toBe(false);
  });

  it('compares timestamps as instants, whatever their offset', () => {
    const rule = { Variable: '$.at', TimestampEquals: '2016-03-14T01:59:00Z' };
    expect(matches(rule, { at: '2016-03-14T03:59:00+02:00' })).toBe(true);
    expect(
      matches(
        { Variable: '$.at', TimestampLessThan: '2016-03-14T01:59:00.5Z' },
        { at: '2016-03-14T01:59:00Z' },
      ),
    ).toBe(true);
  });

  it('TimestampGreaterThanPath can read the Context object', () => {
    const rule = { Variable: '$.deadline', TimestampGreaterThanPath: '$$.Execution.StartTime' };
    expect(matches(rule, { deadline: '2024-05-02T00:00:00Z' })).toBe(true);
  });

  it('does not compare strings that are not timestamps', () => {
    expect(
      matches({ Variable: '$.at', TimestampEquals: '2016-03-14T01:59:00Z' }, { at: '2016-03-14 01:59:00Z' }),
    ).toBe(false);
  });
});

describe('type tests', () => {
  it('IsNull, IsNumeric, IsString, IsBoolean follow the JSON type', () => {
    expect(matches({ Variable: '$.v', IsNull: true }, { v: null })).toBe(true);
    expect(matches({ Variable: '$.v', IsNumeric: true }, { v: 1.5 })).toBe(true);
    expect(matches({ Variable: '$.v', IsNumeric: false }, { v: '1.5' })).toBe(true);
    expect(matches({ Variable: '$.v', IsString: true }, { v: 'x' })).toBe(true);
    expect(matches({ Variable: '$.v', IsBoolean: true }, { v: 0 })).toBe(false);
  });

  it('IsTimestamp accepts RFC 3339 timestamps only', () => {
    expect(matches({ Variable: '$.v', IsTimestamp: true }, { v: '2016-03-14T01:59:00Z' })).toBe(true);
    expect(matches({ Variable: '$.v', IsTimestamp: true }, { v: '2016-03-14' })).toBe(false);
  });

  it('IsPresent tells whether the path names anything, without failing', () => {
    expect(matches({ Variable: '$.v', IsPresent: true }, { v: null })).toBe(true);
    expect(matches({ Variable: '$.v', IsPresent: false }, {})).toBe(true);
    expect(matches({ Variable: '$missing', IsPresent: true }, {})).toBe(false);
  });
});

describe('boolean expressions', () => {
  // The JSONPath Choice state of the ASL specification.
  const twenties: ChoiceRule = {
    And: [
      { Variable: '$.value', IsPresent: true },
      { Variable: '$.value', IsNumeric: true },
      { Variable: '$.value', NumericGreaterThanEquals: 20 },
      { Variable: '$.value', NumericLessThan: 30 },
    ],
  };

  it('And needs every rule', () => {
    expect(matches(twenties, { type: 'Private', value: 22 })).toBe(true);
    expect(matches(twenties, { type: 'Private', value: 31 })).toBe(false);
  });

  it('And stops at the first false rule, so a missing field is tested safely', () => {
    expect(matches(twenties, { type: 'Private' })).toBe(false);
  });

  it('Or needs one rule', () => {
    const rule = {
      Or: [
        { Variable: '$.a', BooleanEquals: true },
        { Variable: '$.b', BooleanEquals: true },
      ],
    };
    expect(matches(rule, { a: false, b: true })).toBe(true);
  });

  it('Not inverts its rule', () => {
    expect(matches({ Not: { Variable: '$.type', StringEquals: 'Private' } }, { type: 'Public' })).toBe(true);
  });
});

describe('paths in rules', () => {
  it('reads variables in Variable', () => {
    expect(
      matches({ Variable: '$guess', StringEqualsPath: '$answer' }, {}, { guess: 'x', answer: 'x' }),
    ).toBe(true);
  });

  it('fails with States.Runtime when the Variable names nothing', () => {
    expect(() => matches({ Variable: '$.missing', NumericEquals: 1 }, {})).toThrow(
      new StatesError(
        'States.Runtime',
        "Invalid path '$.missing': The choice state's condition path references an invalid value.",
      ),
    );
  });

  it('fails with States.Runtime when a …Path operand names nothing', () => {
    expect(() => matches({ Variable: '$.left', NumericLessThanPath: '$.right' }, { left: 8 })).toThrow(
      /Invalid path '\$\.right'/,
    );
  });
});

describe('matchesCondition', () => {
  const jsonata = {
    input: { type: 'Private', rating: 60, auditThreshold: 50 },
    context: {},
    variables: { value: 23 },
  };

  it('evaluates a JSONata condition (specification example)', async () => {
    await expect(matchesCondition("{% $states.input.type != 'Private' %}", jsonata)).resolves.toBe(false);
    await expect(
      matchesCondition(
        "{% $exists($value) and $type($value)='number' and $value>=20 and $value<30 %}",
        jsonata,
      ),
    ).resolves.toBe(true);
  });

  it('accepts a literal boolean', async () => {
    await expect(matchesCondition(true, jsonata)).resolves.toBe(true);
  });

  it('fails with States.QueryEvaluationError when the condition is not a boolean', async () => {
    await expect(matchesCondition('{% $states.input.rating %}', jsonata)).rejects.toThrow(
      new StatesError(
        'States.QueryEvaluationError',
        "The JSONata expression '$states.input.rating' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 60",
      ),
    );
  });
});
