/**
 * The named errors of Lectern, in one list that handlers throw and workflows match: a Task's
 * `Retry.ErrorEquals` takes `RETRYABLE_ERRORS`, its `Catch` the terminal names it handles.
 * Lambda reports a thrown error's `name` as the error Step Functions sees, so every class sets it
 * explicitly (bundles are built with `keepNames`, but a literal cannot be minified away).
 */

/** Transient: the same call may succeed later, so it is worth retrying with back-off. */
export abstract class RetryableError extends Error {
  readonly retryable = true;
}

/** Terminal: trying again gives the same answer; a workflow catches it and takes another path. */
export abstract class TerminalError extends Error {
  readonly retryable = false;
}

/** A payment provider's verification endpoint could not be reached, timed out or answered 5xx/429. */
export class ProviderUnavailableError extends RetryableError {
  override readonly name = 'ProviderUnavailableError';
}

/** EventBridge did not accept an event (PutEvents failed, or failed for the entry). */
export class EventDeliveryError extends RetryableError {
  override readonly name = 'EventDeliveryError';
}

/** Another invocation is doing the same work right now (e.g. the same webhook delivered twice at once). */
export class AlreadyInProgressError extends RetryableError {
  override readonly name = 'AlreadyInProgressError';
}

/** The provider does not confirm the payment (PayPal answers INVALID, Gumroad knows no such sale). */
export class PaymentNotVerifiedError extends TerminalError {
  override readonly name = 'PaymentNotVerifiedError';
}

/** The payment does not match the catalogue: product, receiver, amount, currency or status. */
export class PaymentMismatchError extends TerminalError {
  override readonly name = 'PaymentMismatchError';
}

/** An event does not match its definition in the catalogue (wrong source, detail-type or detail). */
export class InvalidEventError extends TerminalError {
  override readonly name = 'InvalidEventError';
}

/** An event larger than EventBridge accepts (256 KiB per entry). */
export class EventTooLargeError extends TerminalError {
  override readonly name = 'EventTooLargeError';
}

/** Configuration or a secret is missing or invalid: the function cannot start. */
export class ConfigError extends TerminalError {
  override readonly name = 'ConfigError';
}

/** An HTTP request whose body, headers or parameters cannot be understood (400). */
export class MalformedRequestError extends TerminalError {
  override readonly name = 'MalformedRequestError';
}

/** A webhook whose signature does not match its body, or is too old (400, as providers expect). */
export class InvalidSignatureError extends TerminalError {
  override readonly name = 'InvalidSignatureError';
}

/** A request without the right credentials (401). */
export class UnauthorizedError extends TerminalError {
  override readonly name = 'UnauthorizedError';
}

/** A request body over the limit (413). */
export class PayloadTooLargeError extends TerminalError {
  override readonly name = 'PayloadTooLargeError';
}

/** A request body of a type the endpoint does not take (415). */
export class UnsupportedMediaTypeError extends TerminalError {
  override readonly name = 'UnsupportedMediaTypeError';
}

/** The names to retry (`Retry.ErrorEquals`). */
export const RETRYABLE_ERRORS = [
  'ProviderUnavailableError',
  'EventDeliveryError',
  'AlreadyInProgressError',
] as const;

/** The names that retrying cannot fix (`Catch.ErrorEquals`). */
export const TERMINAL_ERRORS = [
  'PaymentNotVerifiedError',
  'PaymentMismatchError',
  'InvalidEventError',
  'EventTooLargeError',
  'ConfigError',
  'MalformedRequestError',
  'InvalidSignatureError',
  'UnauthorizedError',
  'PayloadTooLargeError',
  'UnsupportedMediaTypeError',
] as const;

export type ErrorName = (typeof RETRYABLE_ERRORS)[number] | (typeof TERMINAL_ERRORS)[number];
