import type { Active } from './active';
import type { Branch } from './records';
import { RunQueue } from './run-queue';

const ex = {} as Active;
const branch = (id: string) => ({ id }) as Branch;

describe('RunQueue', () => {
  it('hands out branches first in, first out, also after it ran empty', () => {
    const queue = new RunQueue();
    queue.push(ex, branch('a'));
    queue.push(ex, branch('b'));
    expect(queue.shift()[1].id).toBe('a');
    queue.push(ex, branch('c'));
    expect([queue.shift()[1].id, queue.shift()[1].id]).toEqual(['b', 'c']);
    expect(queue.size).toBe(0);
    queue.push(ex, branch('d'));
    expect(queue.size).toBe(1);
    expect(queue.shift()).toEqual([ex, { id: 'd' }]);
  });
});
