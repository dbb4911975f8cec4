import type { StateDefinition } from '../../../../workflows/asl';
import { mapItemInput, mapItems, maxConcurrency } from './dataflow';
import { StatesError } from './states-error';
import { jsonataScope as jsonata, jsonPathScope as jsonPath, statesError } from './testing';

describe('mapItems', () => {
  // The Validate-All example of the ASL specification.
  const shipment = {
    'ship-date': '2016-03-14T01:59:00Z',
    detail: {
      'delivery-partner': 'UQS',
      shipped: [
        { prod: 'R31', 'dest-code': 9511, quantity: 1344 },
        { prod: 'S39', 'dest-code': 9511, quantity: 40 },
      ],
    },
  };

  it('selects the items with ItemsPath over the effective input', async () => {
    const state: StateDefinition = { Type: 'Map', InputPath: '$.detail', ItemsPath: '$.shipped', End: true };
    await expect(mapItems(state, jsonPath(shipment))).resolves.toEqual(shipment.detail.shipped);
  });

  it('takes the whole input by default', async () => {
    await expect(mapItems({ Type: 'Map', End: true }, jsonPath([1, 2]))).resolves.toEqual([1, 2]);
  });

  it('fails with States.Runtime when the items are not an array', async () => {
    const error = await statesError(() =>
      mapItems({ Type: 'Map', ItemsPath: '$.detail', End: true }, jsonPath(shipment)),
    );
    expect(error).toEqual(
      new StatesError('States.Runtime', 'Reference path "$.detail" must point to array.'),
    );
  });

  it('evaluates JSONata Items', async () => {
    const state: StateDefinition = { Type: 'Map', Items: '{% $states.input.detail.shipped %}', End: true };
    await expect(mapItems(state, jsonata(shipment))).resolves.toHaveLength(2);
  });

  it('evaluates expressions inside a literal JSONata Items array', async () => {
    await expect(
      mapItems({ Type: 'Map', Items: [1, '{% $two %}', 3], End: true }, jsonata({}, { two: 2 })),
    ).resolves.toEqual([1, 2, 3]);
  });

  it('fails with States.QueryEvaluationError when JSONata Items is not an array', async () => {
    const error = await statesError(() =>
      mapItems({ Type: 'Map', Items: "{% {'foo': 'bar'} %}", End: true }, jsonata({})),
    );
    expect(error.cause).toBe(
      "The JSONata expression '{'foo': 'bar'}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}",
    );
  });

  it('fails when a JSONata Map state without Items gets an input that is not an array', async () => {
    const error = await statesError(() => mapItems({ Type: 'Map', End: true }, jsonata({ foo: 'bar' })));
    expect(error).toEqual(
      new StatesError(
        'States.QueryEvaluationError',
        'Map state input must be an array but was: {"foo":"bar"}',
      ),
    );
  });
});

describe('mapItemInput', () => {
  const input = { detail: { 'delivery-partner': 'UQS', shipped: [{ prod: 'R31' }, { prod: 'S39' }] } };
  const item = { prod: 'S39' };

  it('builds each iteration input with ItemSelector from the effective input and $$.Map.Item', async () => {
    const state: StateDefinition = {
      Type: 'Map',
      InputPath: '$.detail',
      ItemsPath: '$.shipped',
      ItemSelector: {
        'parcel.$': '$$.Map.Item.Value',
        'index.$': '$$.Map.Item.Index',
        'courier.$': '$.delivery-partner',
      },
      End: true,
    };
    expect(await mapItemInput(state, jsonPath(input), item, 1)).toEqual({
      parcel: item,
      index: 1,
      courier: 'UQS',
    });
  });

  it('accepts the legacy Parameters field', async () => {
    const state: StateDefinition = {
      Type: 'Map',
      Parameters: { 'value.$': '$$.Map.Item.Value.prod' },
      End: true,
    };
    expect(await mapItemInput(state, jsonPath(input), item, 1)).toEqual({ value: 'S39' });
  });

  it('passes the item through without ItemSelector', async () => {
    expect(await mapItemInput({ Type: 'Map', End: true }, jsonPath(input), item, 1)).toBe(item);
  });

  it('evaluates a JSONata ItemSelector with $states.context.Map.Item', async () => {
    const state: StateDefinition = {
      Type: 'Map',
      ItemSelector: {
        parcel: '{% $states.context.Map.Item.Value %}',
        courier: '{% $states.input.detail.`delivery-partner` %}',
      },
      End: true,
    };
    expect(await mapItemInput(state, jsonata(input), item, 1)).toEqual({
      parcel: item,
      courier: 'UQS',
    });
  });
});

describe('maxConcurrency', () => {
  it('is unlimited (0) by default', async () => {
    await expect(maxConcurrency({ Type: 'Map', End: true }, jsonPath({}))).resolves.toBe(0);
  });

  it('returns a literal', async () => {
    await expect(maxConcurrency({ Type: 'Map', MaxConcurrency: 1, End: true }, jsonPath({}))).resolves.toBe(
      1,
    );
  });

  it('reads MaxConcurrencyPath', async () => {
    const state: StateDefinition = { Type: 'Map', MaxConcurrencyPath: '$.MaxConcurrencyValue', End: true };
    await expect(maxConcurrency(state, jsonPath({ MaxConcurrencyValue: 5 }))).resolves.toBe(5);
  });

  it('refuses a MaxConcurrencyPath value that is not an integer, as AWS words it', async () => {
    const state: StateDefinition = { Type: 'Map', MaxConcurrencyPath: '$.MaxConcurrencyValue', End: true };
    const error = await statesError(() =>
      maxConcurrency(state, jsonPath({ MaxConcurrencyValue: 'NoNumber' })),
    );
    expect(error.cause).toBe(
      'The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.MaxConcurrencyValue',
    );
  });

  it('evaluates a JSONata MaxConcurrency', async () => {
    const state: StateDefinition = { Type: 'Map', MaxConcurrency: '{% $limit %}', End: true };
    await expect(maxConcurrency(state, jsonata({}, { limit: 3 }))).resolves.toBe(3);
  });
});
