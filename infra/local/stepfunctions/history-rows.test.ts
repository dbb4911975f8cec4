import type { HistoryEvent } from './history';
import { decodeEvents, encodeEvents } from './history-rows';

const events: HistoryEvent[] = [
  {
    id: 1,
    previousEventId: 0,
    at: 1_795_263_950_481,
    type: 'ExecutionStarted',
    name: undefined,
    data: '{"order":42}',
    details: { roleArn: 'arn:aws:iam::000000000000:role/r' },
  },
  {
    id: 2,
    previousEventId: 0,
    at: 1_795_263_950_481,
    type: 'PassStateEntered',
    name: 'A',
    data: '{"order":42}',
    details: undefined,
  },
  {
    id: 3,
    previousEventId: 2,
    at: 1_795_263_950_490,
    type: 'ParallelStateStarted',
    name: undefined,
    data: undefined,
    details: undefined,
  },
  {
    id: 4,
    previousEventId: 3,
    at: 1_795_263_951_000,
    type: 'MapIterationStarted',
    name: 'Each',
    data: undefined,
    details: { index: 0 },
  },
];

describe('history rows', () => {
  it('give back the events they were made of', () => {
    expect(decodeEvents(encodeEvents(events))).toEqual(events);
  });

  it('keep times as gaps and leave out trailing empty fields', () => {
    expect(JSON.parse(encodeEvents(events.slice(1, 3)))).toEqual([
      [2, 0, 1_795_263_950_481, 'PassStateEntered', 'A', '{"order":42}'],
      [3, 2, 9, 'ParallelStateStarted'],
    ]);
  });
});
