import { AwsError } from '../http/aws-error';

/**
 * SQS's JSON protocol is query-compatible: the SDK takes the error name from the
 * `x-amzn-query-error: <legacy code>;Sender` header and copies the legacy code into `e.Code`
 * (aws-wire.md §4). The modelled errors whose legacy code differs from their name, and the
 * statuses that are not 400:
 */
const LEGACY: Record<string, string> = {
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueNameExists: 'QueueAlreadyExists',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
  PurgeQueueInProgress: 'AWS.SimpleQueueService.PurgeQueueInProgress',
  QueueDeletedRecently: 'AWS.SimpleQueueService.QueueDeletedRecently',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  BatchRequestTooLong: 'AWS.SimpleQueueService.BatchRequestTooLong',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
};

const STATUS: Record<string, number> = {
  ReceiptHandleIsInvalid: 404,
  InvalidAddress: 404,
  ResourceNotFoundException: 404,
  PurgeQueueInProgress: 403,
  OverLimit: 403,
  InvalidSecurity: 403,
};

/** An SQS error by its JSON name (e.g. `QueueDoesNotExist`), with SQS's status for it. */
export function sqsError(code: string, message: string): AwsError {
  return new AwsError(code, message, STATUS[code] ?? 400);
}

/** The legacy query code of an error, as batch results and failure reasons spell it. */
export function legacyCode(code: string): string {
  return LEGACY[code] ?? code;
}

/** The header that lets the SDK find the modelled error and fill `Code`, `Type` and `Error`. */
export function queryErrorHeaders(error: AwsError): Record<string, string> {
  return { 'x-amzn-query-error': `${legacyCode(error.code)};Sender` };
}

export const queueDoesNotExist = () => sqsError('QueueDoesNotExist', 'The specified queue does not exist.');

export const invalidParameter = (message: string) => sqsError('InvalidParameterValue', message);

/** AWS's wording for a value out of its range. */
export const invalidValue = (member: string, value: unknown, reason: string) =>
  invalidParameter(`Value ${String(value)} for parameter ${member} is invalid. Reason: ${reason}`);
