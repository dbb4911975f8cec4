import { wireEvent, type HistoryEvent } from './history';

const event = (fields: Partial<HistoryEvent>): HistoryEvent => ({
  id: 3,
  previousEventId: 2,
  at: 1_700_000_000_123,
  type: 'PassStateEntered',
  name: undefined,
  data: undefined,
  details: undefined,
  ...fields,
});

describe('wireEvent', () => {
  it('puts the name and the payload of a state event into its details member, timestamps in seconds', () => {
    expect(wireEvent(event({ name: 'Touch', data: '{"a":1}' }), true)).toEqual({
      timestamp: 1_700_000_000.123,
      type: 'PassStateEntered',
      id: 3,
      previousEventId: 2,
      stateEnteredEventDetails: { name: 'Touch', input: '{"a":1}', inputDetails: { truncated: false } },
    });
  });

  it('leaves the payload out without includeExecutionData, and keeps the rest', () => {
    const exited = event({
      type: 'PassStateExited',
      name: 'Touch',
      data: '{"a":1}',
      details: { assignedVariables: { x: '1' } },
    });
    expect(wireEvent(exited, false).stateExitedEventDetails).toEqual({
      name: 'Touch',
      assignedVariables: { x: '1' },
      assignedVariablesDetails: { truncated: false },
    });
  });

  it('names the payload after the event type: parameters for TaskScheduled, with no truncation companion', () => {
    const scheduled = event({
      type: 'TaskScheduled',
      data: '{"QueueUrl":"q"}',
      details: { resourceType: 'sqs', resource: 'sendMessage', region: 'us-east-1' },
    });
    expect(wireEvent(scheduled, true).taskScheduledEventDetails).toEqual({
      parameters: '{"QueueUrl":"q"}',
      resourceType: 'sqs',
      resource: 'sendMessage',
      region: 'us-east-1',
    });
  });

  it('keeps an empty details member when the event has one, and none for types without details', () => {
    expect(wireEvent(event({ type: 'ExecutionAborted', details: {} }), true)).toHaveProperty(
      'executionAbortedEventDetails',
      {},
    );
    expect(Object.keys(wireEvent(event({ type: 'ParallelStateStarted' }), true))).toEqual([
      'timestamp',
      'type',
      'id',
      'previousEventId',
    ]);
  });
});
