/**
 * An error answered the way AWS answers it: HTTP status, the error name the SDK maps to a
 * modelled exception class, and a message. Never use 5xx or throttling names for a
 * deterministic error: the SDK would retry it (aws-wire.md §1.3).
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** AWS's wording for a missing required member. */
export function missing(member: string): AwsError {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}
