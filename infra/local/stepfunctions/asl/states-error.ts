/**
 * A failure Retry and Catch can match by name, e.g. `States.Runtime`, `States.Timeout` or a
 * handler's own error type. `cause` is the human-readable explanation recorded in the history.
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}
