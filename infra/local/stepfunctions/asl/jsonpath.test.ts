import type { Json } from '../../../../workflows/asl';
import { lookupPath, PathNotFoundError, queryPath, setAtReferencePath, type PathScope } from './jsonpath';
import { parsePath } from './jsonpath-parse';
import { StatesError } from './states-error';

const scope = (input: Json, extra: Partial<PathScope> = {}): PathScope => ({
  input,
  context: { Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:sm:run-1' } },
  variables: {},
  ...extra,
});

// The example input of the AWS "Reference Paths" documentation.
const referenceInput = { foo: 123, bar: ['a', 'b', 'c'], car: { cdr: true } };

const store: Json = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95 },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
      {
        category: 'fiction',
        author: 'Herman Melville',
        title: 'Moby Dick',
        isbn: '0-553-21311-3',
        price: 8.99,
      },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
};

describe('queryPath', () => {
  it('returns the whole input for $', () => {
    expect(queryPath('$', scope(referenceInput))).toEqual(referenceInput);
  });

  it('reads the reference paths of the AWS documentation', () => {
    expect(queryPath('$.foo', scope(referenceInput))).toBe(123);
    expect(queryPath('$.bar', scope(referenceInput))).toEqual(['a', 'b', 'c']);
    expect(queryPath('$.car.cdr', scope(referenceInput))).toBe(true);
  });

  it('reads bracket notation with quoted names, including names with spaces', () => {
    expect(queryPath("$['car']['cdr']", scope(referenceInput))).toBe(true);
    expect(queryPath("$['first name']", scope({ 'first name': 'Ana' }))).toBe('Ana');
  });

  it('reads array indexes, negative ones counting from the end', () => {
    expect(queryPath('$.bar[0]', scope(referenceInput))).toBe('a');
    expect(queryPath('$.bar[-1]', scope(referenceInput))).toBe('c');
  });

  it('honours backslash escapes in dot notation', () => {
    expect(queryPath('$.store\\.book', scope({ 'store.book': 1 }))).toBe(1);
  });

  it('returns an array for a slice, as in the InputPath documentation', () => {
    expect(queryPath('$.a[0:2]', scope({ a: [1, 2, 3, 4] }))).toEqual([1, 2]);
    expect(queryPath('$.vals[-3:]', scope({ vals: [0, 10, 20, 30, 40, 50] }))).toEqual([30, 40, 50]);
  });

  it('collects a wildcard over array elements', () => {
    expect(queryPath('$.store.book[*].author', scope(store))).toEqual([
      'Nigel Rees',
      'Evelyn Waugh',
      'Herman Melville',
    ]);
  });

  it('flattens an array of arrays with $[*][*]', () => {
    expect(queryPath('$[*][*]', scope([[1, 2], [3], [4, 5]]))).toEqual([1, 2, 3, 4, 5]);
  });

  it('scans descendants with ..', () => {
    expect(queryPath('$..price', scope(store))).toEqual([8.95, 12.99, 8.99, 19.95]);
  });

  it('collects a list of indexes', () => {
    expect(queryPath('$.store.book[0,2].title', scope(store))).toEqual([
      'Sayings of the Century',
      'Moby Dick',
    ]);
  });

  it('filters with a comparison', () => {
    expect(queryPath('$.store.book[?(@.price < 10)].title', scope(store))).toEqual([
      'Sayings of the Century',
      'Moby Dick',
    ]);
  });

  it('filters on the existence of a field', () => {
    expect(queryPath('$.store.book[?(@.isbn)].author', scope(store))).toEqual(['Herman Melville']);
  });

  it('filters with && and string equality', () => {
    const path = "$.store.book[?(@.category == 'fiction' && @.price > 10)].title";
    expect(queryPath(path, scope(store))).toEqual(['Sword of Honour']);
  });

  it('filters with a regular expression and flags', () => {
    expect(queryPath('$..book[?(@.author =~ /.*REES/i)].price', scope(store))).toEqual([8.95]);
  });

  it('filters with in', () => {
    expect(queryPath("$.store.book[?(@.category in ['reference'])].price", scope(store))).toEqual([8.95]);
  });

  it('does not match values of another type in a filter', () => {
    expect(queryPath("$.items[?(@.n == '1')]", scope({ items: [{ n: 1 }, { n: '1' }] }))).toEqual([
      { n: '1' },
    ]);
  });

  it('returns an empty array when an indefinite path matches nothing', () => {
    expect(queryPath('$.store.book[?(@.price > 100)]', scope(store))).toEqual([]);
  });

  it('returns the length of an array with length()', () => {
    expect(queryPath('$.store.book.length()', scope(store))).toBe(3);
  });

  it('reads the Context object with $$', () => {
    expect(queryPath('$$.Execution.Id', scope({}))).toBe(
      'arn:aws:states:us-east-1:123456789012:execution:sm:run-1',
    );
  });

  it('reads a variable and its members with $name', () => {
    const variables = { order: { items: [{ sku: 'A1' }, { sku: 'B2' }] } };
    expect(queryPath('$order.items[1].sku', scope({}, { variables }))).toBe('B2');
    expect(queryPath('$order', scope({}, { variables }))).toEqual(variables.order);
  });

  it('throws PathNotFoundError worded as AWS reports a missing leaf', () => {
    expect(() => queryPath('$.NoSuchInputPath', scope({}))).toThrow(
      new PathNotFoundError('$.NoSuchInputPath', "No results for path: $['NoSuchInputPath']"),
    );
  });

  it('reports a missing intermediate property as AWS does', () => {
    const result = lookupPath('$.no.such.result.path', scope({}));
    expect(result).toEqual({ found: false, detail: "Missing property in path $['no']" });
  });

  it('reports an index past the end of the array', () => {
    expect(lookupPath('$.bar[3]', scope(referenceInput))).toEqual({
      found: false,
      detail: "No results for path: $['bar'][3]",
    });
  });

  it('reports a property read from a non-object', () => {
    expect(lookupPath('$.foo.bar', scope(referenceInput))).toMatchObject({ found: false });
  });

  it('reports a variable without a value', () => {
    expect(lookupPath('$missing.x', scope({}))).toMatchObject({ found: false });
  });

  it('rejects malformed paths with States.Runtime', () => {
    expect(() => queryPath('foo', scope({}))).toThrow(StatesError);
    expect(() => queryPath('$.a[', scope({}))).toThrow(StatesError);
  });
});

describe('parsePath', () => {
  it('tells definite paths from indefinite ones', () => {
    expect(parsePath("$.a.b[0]['c']").definite).toBe(true);
    for (const path of ['$..a', '$.a[*]', '$.a[1:2]', '$.a[0,1]', '$.a[?(@.b)]', '$.*']) {
      expect(parsePath(path).definite).toBe(false);
    }
  });

  it('recognises the three roots', () => {
    expect(parsePath('$.a').root).toEqual({ kind: 'input' });
    expect(parsePath('$$.a').root).toEqual({ kind: 'context' });
    expect(parsePath('$customerName').root).toEqual({ kind: 'variable', name: 'customerName' });
  });
});

describe('setAtReferencePath', () => {
  // The ResultPath examples of the Amazon States Language specification.
  const raw = { master: { detail: [1, 2, 3] } };

  it('overwrites an existing field', () => {
    expect(setAtReferencePath(raw, '$.master.detail', 6)).toEqual({ master: { detail: 6 } });
  });

  it('creates the intervening objects', () => {
    expect(setAtReferencePath(raw, '$.master.result.sum', 6)).toEqual({
      master: { detail: [1, 2, 3], result: { sum: 6 } },
    });
  });

  it('does not modify the input it was given', () => {
    setAtReferencePath(raw, '$.master.result.sum', 6);
    expect(raw).toEqual({ master: { detail: [1, 2, 3] } });
  });

  it('replaces the whole input for $', () => {
    expect(setAtReferencePath(raw, '$', 'Hi!')).toBe('Hi!');
  });

  it('sets an element of an existing array', () => {
    expect(setAtReferencePath({ list: [{ a: 1 }, { a: 2 }] }, '$.list[1].b', 3)).toEqual({
      list: [{ a: 1 }, { a: 2, b: 3 }],
    });
  });

  it('fails with States.ResultPathMatchFailure when the input is not an object', () => {
    expect(() => setAtReferencePath('foo', '$.x', 1)).toThrow(
      new StatesError('States.ResultPathMatchFailure', 'Unable to apply ReferencePath $.x to input "foo"'),
    );
  });

  it('fails when an intervening field is not an object', () => {
    expect(() => setAtReferencePath({ a: 5 }, '$.a.b', 1)).toThrow(StatesError);
  });

  it('refuses paths into the Context object', () => {
    expect(() => setAtReferencePath({}, '$$.Execution', 1)).toThrow(StatesError);
  });
});
