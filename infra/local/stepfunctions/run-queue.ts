import type { Active } from './active';
import type { Branch } from './records';

/**
 * The branches ready to take a step, first in first out. Two parallel arrays read from a moving
 * head: no tuple per entry and no array shifting on the interpreter's hottest path.
 */
export class RunQueue {
  private executions: Active[] = [];
  private branches: Branch[] = [];
  private head = 0;

  get size(): number {
    return this.branches.length - this.head;
  }

  push(ex: Active, b: Branch): void {
    this.executions.push(ex);
    this.branches.push(b);
  }

  /** The oldest entry; only when `size` > 0. */
  shift(): [Active, Branch] {
    const entry: [Active, Branch] = [this.executions[this.head], this.branches[this.head]];
    this.head += 1;
    if (this.head === this.branches.length) {
      this.executions = [];
      this.branches = [];
      this.head = 0;
    }
    return entry;
  }
}
