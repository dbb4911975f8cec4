/** A Step Functions API call the engine refuses, named as AWS names the error. */
export class ExecutionError extends Error {
  constructor(
    readonly code:
      | 'ExecutionAlreadyExists'
      | 'ExecutionDoesNotExist'
      | 'ExecutionNotRedrivable'
      | 'TaskDoesNotExist'
      | 'TaskTimedOut',
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}
