import type { Clock } from '../clock';
import type { Active } from './active';
import type { Branch } from './records';
import type { StepFunctionsStore } from './store';

/**
 * What the engine writes down about its executions: their history events and the state of their
 * branches, through the store (and so the group commit). The events a step records share one
 * clock reading.
 */
export class Journal {
  private stepTime: number | undefined;

  constructor(
    private readonly store: StepFunctionsStore,
    private readonly clock: Clock,
  ) {}

  /** From here to `endStep`, `now()` is one reading of the clock. */
  beginStep(): void {
    this.stepTime = this.clock.now();
  }

  /** What continues after an await reads the clock again. */
  endStep(): void {
    this.stepTime = undefined;
  }

  now(): number {
    return this.stepTime ?? this.clock.now();
  }

  /**
   * Appends a history event (in the branch's chain of previousEventIds) and returns its id.
   * `data` is the JSON text of the input, output or parameters the event type carries.
   */
  record(
    ex: Active,
    b: Branch | undefined,
    type: string,
    name?: string,
    data?: string,
    details?: Record<string, unknown>,
  ): number {
    const id = ++ex.rec.lastEventId;
    const previousEventId = b ? b.lastEventId : id - 1;
    if (b) b.lastEventId = id;
    this.store.appendEvent(ex.rec, previousEventId, this.now(), type, name, data, details);
    return id;
  }

  /** Keeps the branch as it is now, if it still belongs to the execution. */
  save(ex: Active, b: Branch): void {
    if (ex.branches.get(b.id) === b) this.store.putBranch(ex.rec, b);
  }
}
