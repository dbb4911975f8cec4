import type { StateDefinition } from '../../../../workflows/asl';
import { waitUntil } from './dataflow';
import { jsonataScope as jsonata, jsonPathScope as jsonPath, statesError } from './testing';

describe('waitUntil', () => {
  const now = Date.UTC(2024, 4, 1, 10, 0, 0);
  const wait = (fields: Partial<StateDefinition>): StateDefinition => ({
    Type: 'Wait',
    Next: 'Next',
    ...fields,
  });

  it('adds Seconds to now', async () => {
    await expect(waitUntil(wait({ Seconds: 10 }), jsonPath({}), now)).resolves.toBe(now + 10_000);
  });

  it('reads a Timestamp', async () => {
    await expect(waitUntil(wait({ Timestamp: '2016-03-14T01:59:00Z' }), jsonPath({}), now)).resolves.toBe(
      Date.UTC(2016, 2, 14, 1, 59, 0),
    );
  });

  it('reads SecondsPath from a variable', async () => {
    await expect(
      waitUntil(wait({ SecondsPath: '$waitTime' }), jsonPath({}, { waitTime: 3 }), now),
    ).resolves.toBe(now + 3000);
  });

  it('reads TimestampPath after InputPath', async () => {
    const state = wait({ InputPath: '$.order', TimestampPath: '$.expirydate' });
    await expect(
      waitUntil(state, jsonPath({ order: { expirydate: '2024-05-01T10:00:30Z' } }), now),
    ).resolves.toBe(now + 30_000);
  });

  it('refuses a fractional or negative SecondsPath as AWS words it', async () => {
    const state = wait({ SecondsPath: '$.input.waitSeconds' });
    const fractional = await statesError(() =>
      waitUntil(state, jsonPath({ input: { waitSeconds: 1.5 } }), now),
    );
    expect(fractional.cause).toBe(
      'The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 1.5',
    );
    const negative = await statesError(() => waitUntil(state, jsonPath({ input: { waitSeconds: -1 } }), now));
    expect(negative.cause).toBe(
      'The SecondsPath parameter references a negative value: $.input.waitSeconds == -1',
    );
  });

  it('refuses a SecondsPath that names nothing', async () => {
    const error = await statesError(() =>
      waitUntil(wait({ SecondsPath: '$.input.waitSeconds' }), jsonPath({}), now),
    );
    expect(error.cause).toBe(
      'The SecondsPath parameter does not reference an input value: $.input.waitSeconds',
    );
  });

  it('refuses a TimestampPath value without a time zone', async () => {
    const error = await statesError(() =>
      waitUntil(
        wait({ TimestampPath: '$.TimestampValue' }),
        jsonPath({ TimestampValue: '2016-12-05T21:29:29' }),
        now,
      ),
    );
    expect(error.cause).toBe(
      'The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.TimestampValue == 2016-12-05T21:29:29',
    );
  });

  it('evaluates a JSONata Timestamp (specification example)', async () => {
    const state = wait({ Timestamp: '{% $states.input.expirydate %}' });
    await expect(waitUntil(state, jsonata({ expirydate: '2016-03-14T01:59:00Z' }), now)).resolves.toBe(
      Date.UTC(2016, 2, 14, 1, 59),
    );
  });

  it('refuses an invalid JSONata Timestamp with States.QueryEvaluationError', async () => {
    const error = await statesError(() =>
      waitUntil(wait({ Timestamp: "{% '2016-12-05 21:29:29Z' %}" }), jsonata({}), now),
    );
    expect(error.error).toBe('States.QueryEvaluationError');
    expect(error.cause).toBe(
      'The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2016-12-05 21:29:29Z',
    );
  });

  it('evaluates JSONata Seconds', async () => {
    await expect(
      waitUntil(wait({ Seconds: '{% $delay * 2 %}' }), jsonata({}, { delay: 5 }), now),
    ).resolves.toBe(now + 10_000);
  });

  it('refuses a delay of more than 2^31 - 1 seconds', async () => {
    const error = await statesError(() => waitUntil(wait({ Seconds: 2147483648 }), jsonPath({}), now));
    expect(error.cause).toBe('Wait state delay is too long.');
  });
});
