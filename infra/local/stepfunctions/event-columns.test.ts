import { EventColumns } from './event-columns';

describe('EventColumns', () => {
  it('gives back each event with its id (index + 1) and fields', () => {
    const events = new EventColumns();
    events.push(0, 1_000, 'ExecutionStarted', undefined, '{}', { roleArn: 'r' });
    events.push(0, 1_001, 'PassStateEntered', 'A', '{}', undefined);
    expect(events.length).toBe(2);
    expect(events.event(1)).toEqual({
      id: 2,
      previousEventId: 0,
      at: 1_001,
      type: 'PassStateEntered',
      name: 'A',
      data: '{}',
      details: undefined,
    });
    expect(events.event(0)).toMatchObject({ id: 1, type: 'ExecutionStarted', details: { roleArn: 'r' } });
  });
});
