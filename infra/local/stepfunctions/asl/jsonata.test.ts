import type { Json } from '../../../../workflows/asl';
import { evaluateJsonataField, evaluateJsonataTemplate, isJsonataString, type JsonataScope } from './jsonata';
import { StatesError } from './states-error';

// The variables of the "JSONata Evaluation" example in the ASL specification.
const scope: JsonataScope = {
  input: { customer: { firstName: 'Martha', lastName: 'Rivera' }, order: { items: 7, total: 27.91 } },
  context: { Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:sm:run-1' } },
  variables: {
    student: { name: 'Scotland', course: [{ grade: 34 }, { grade: 99 }, { grade: 76 }, { grade: 96 }] },
    class: { teacher: 'Bert' },
    two: 'the number 2',
  },
};

const evaluate = (value: Json, extra: Partial<JsonataScope> = {}): Promise<Json> =>
  evaluateJsonataTemplate(value, 'Output', { ...scope, ...extra });

describe('isJsonataString', () => {
  it('needs {% first and %} last, without surrounding spaces', () => {
    expect(isJsonataString('{% $x %}')).toBe(true);
    expect(isJsonataString(' {% $x %}')).toBe(false);
    expect(isJsonataString('{% $x %} ')).toBe(false);
    expect(isJsonataString('$x')).toBe(false);
  });
});

describe('evaluateJsonataTemplate', () => {
  it('evaluates expressions nested in objects and arrays (specification Arguments example)', async () => {
    const args = {
      student: '{% $student.name %}',
      classInfo: { teacher: '{% $class.teacher %}' },
      values: [1, '{% $two %}', 'three'],
    };
    await expect(evaluate(args)).resolves.toEqual({
      student: 'Scotland',
      classInfo: { teacher: 'Bert' },
      values: [1, 'the number 2', 'three'],
    });
  });

  it('evaluates a whole-value expression (specification Output example)', async () => {
    const output = "{% { 'avg': $average($student.course.grade), 'num': $count($student.course) }  %}";
    await expect(evaluate(output)).resolves.toEqual({ avg: 76.25, num: 4 });
  });

  it('reads $states.input (documentation Input and Output example)', async () => {
    const output = {
      lastName: "{% 'Last=>' & $states.input.customer.lastName %}",
      orderValue: '{% $states.input.order.total %}',
    };
    await expect(evaluate(output)).resolves.toEqual({ lastName: 'Last=>Rivera', orderValue: 27.91 });
  });

  it('reads $states.context, $states.result and $states.errorOutput', async () => {
    const output = {
      id: '{% $states.context.Execution.Id %}',
      r: '{% $states.result.ok %}',
      e: '{% $states.errorOutput.Error %}',
    };
    await expect(
      evaluate(output, { result: { ok: true }, errorOutput: { Error: 'Oops', Cause: '' } }),
    ).resolves.toEqual({
      id: 'arn:aws:states:us-east-1:123456789012:execution:sm:run-1',
      r: true,
      e: 'Oops',
    });
  });

  it('filters with JSONata path operators (documentation filtering example)', async () => {
    const products = [
      { calories: 140, flavour: 'Cola', name: 'Product-1' },
      { calories: 0, flavour: 'Cola', name: 'Product-2' },
      { calories: 0, flavour: 'Lime', name: 'Product-5' },
    ];
    await expect(
      evaluate(
        { dietProducts: '{% $states.input.products[calories=0] %}' },
        { input: { products: products } },
      ),
    ).resolves.toEqual({
      dietProducts: [products[1], products[2]],
    });
  });

  it('leaves strings without {% %} and other literals as they are', async () => {
    await expect(evaluate({ a: '$customerName', b: 42, c: null, d: true })).resolves.toEqual({
      a: '$customerName',
      b: 42,
      c: null,
      d: true,
    });
  });

  it('keeps variables assigned inside an expression local to it', async () => {
    await expect(
      evaluate('{% ($product := function($x, $y) {$x * $y}; $reduce([1..5], $product)) %}'),
    ).resolves.toBe(120);
  });

  it('fails with States.QueryEvaluationError when an expression returns nothing, naming the field', async () => {
    await expect(evaluate({ result: '{% $doesNotExist %}' })).rejects.toThrow(
      new StatesError(
        'States.QueryEvaluationError',
        "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).",
      ),
    );
  });

  it('fails with States.QueryEvaluationError on a type error', async () => {
    await expect(evaluate('{% $two + 1 %}')).rejects.toThrow(
      /The JSONata expression '\$two \+ 1' specified for the field 'Output' threw an error during evaluation\. T2001:/,
    );
  });

  it('reports the JSONata error code of a call to a non-function', async () => {
    await expect(evaluate('{% $two() %}')).rejects.toThrow(
      /threw an error during evaluation\. T1006: Attempted to invoke a non-function/,
    );
  });

  it('refuses a function as a result', async () => {
    await expect(evaluate('{% function($x) { $x } %}')).rejects.toThrow(
      /returned an unsupported result type\./,
    );
  });
});

describe('functions Step Functions adds', () => {
  it('$partition splits an array into chunks', async () => {
    await expect(evaluate('{% $partition([1,2,3,4,5,6,7,8,9], 3) %}')).resolves.toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
  });

  it('$partition rounds a fractional chunk size down', async () => {
    await expect(evaluate('{% $partition([1,2,3,4,5], 2.9) %}')).resolves.toEqual([[1, 2], [3, 4], [5]]);
  });

  it('$range counts up to the end, inclusive', async () => {
    await expect(evaluate('{% $range(0, 10, 2) %}')).resolves.toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('$range gives a single value for a one-item range, as AWS does', async () => {
    await expect(evaluate('{% $range(1, 9, 9) %}')).resolves.toBe(1);
  });

  it('$hash hashes a string', async () => {
    await expect(evaluate("{% $hash('input data', 'SHA-1') %}")).resolves.toBe(
      'aaff4a450a104cd177d28d18d74485e8cae074b7',
    );
  });

  it('$hash refuses an unknown algorithm', async () => {
    await expect(evaluate("{% $hash('input data', 'CRC32') %}")).rejects.toThrow(StatesError);
  });

  it('$random returns a number in [0, 1), the same one for the same seed', async () => {
    const unseeded = (await evaluate('{% $random() %}')) as number;
    expect(unseeded).toBeGreaterThanOrEqual(0);
    expect(unseeded).toBeLessThan(1);
    const seeded = await evaluate('{% $random(7) %}');
    await expect(evaluate('{% $random(7) %}')).resolves.toBe(seeded);
  });

  it('$uuid returns a version 4 UUID', async () => {
    await expect(evaluate('{% $uuid() %}')).resolves.toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('$parse deserialises a JSON string', async () => {
    await expect(
      evaluate('{% $parse($states.input.s) %}', { input: { s: '{"Arg1": 1, "Arg2": []}' } }),
    ).resolves.toEqual({
      Arg1: 1,
      Arg2: [],
    });
  });

  it('$eval is not available', async () => {
    await expect(evaluate("{% $eval('1 + 1') %}")).rejects.toThrow(StatesError);
  });
});

describe('evaluateJsonataField', () => {
  const isArray = (v: Json): v is Json[] => Array.isArray(v);

  it('returns a result of the expected type', async () => {
    await expect(
      evaluateJsonataField('{% $student.course %}', 'Items', scope, 'array', isArray),
    ).resolves.toHaveLength(4);
  });

  it('fails as AWS words an unexpected result type', async () => {
    await expect(evaluateJsonataField("{% 'string' %}", 'Items', scope, 'array', isArray)).rejects.toThrow(
      new StatesError(
        'States.QueryEvaluationError',
        "The JSONata expression ''string'' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'string' for value: \"string\"",
      ),
    );
  });
});
