/**
 * Time as the local runtime sees it. Every deadline (Wait states, retry back-off, timeouts)
 * goes through a Clock, so tests can move time forward instead of sleeping.
 */
export interface Clock {
  now(): number;
  /** Calls `fn` at `at` (epoch ms) or as soon as possible after it. Returns a cancel function. */
  at(at: number, fn: () => void): () => void;
}

/** setTimeout only takes 32-bit delays; longer waits hop. */
const MAX_DELAY = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  at(at, fn) {
    let timer: NodeJS.Timeout;
    const arm = () => {
      const delay = at - Date.now();
      timer = delay > MAX_DELAY ? setTimeout(arm, MAX_DELAY) : setTimeout(fn, Math.max(0, delay));
    };
    arm();
    return () => clearTimeout(timer);
  },
};

/** A clock that moves only when told to: `advance(ms)` fires every timer that falls due. */
export class ManualClock implements Clock {
  private time: number;
  private timers: Array<{ at: number; seq: number; fn: () => void }> = [];
  private seq = 0;
  private waiters: Array<() => void> = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  at(at: number, fn: () => void): () => void {
    const timer = { at, seq: this.seq++, fn };
    this.timers.push(timer);
    for (const wake of this.waiters.splice(0)) wake();
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Resolves once a timer due exactly `at` is set (tests: "the back-off is armed for now + 2 s"). */
  async timerAt(at: number): Promise<void> {
    while (!this.timers.some((t) => t.at === at)) await new Promise<void>((wake) => this.waiters.push(wake));
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = until;
  }
}
