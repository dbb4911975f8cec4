import { randomUUID } from 'node:crypto';
import type { Json, JsonObject } from '../../../workflows/asl';
import { AwsError } from '../http/aws-error';
import { StatesError } from '../stepfunctions/asl/states-error';
import type { Integration, TaskRequest } from '../stepfunctions/integrations/integration';
import { legacyCode } from './errors';
import type { LocalSqs, OutgoingMessage } from './sqs';

/**
 * `arn:aws:states:::sqs:sendMessage` (and `.waitForTaskToken`): QueueUrl, MessageBody (an object
 * is sent as its JSON), DelaySeconds, MessageAttributes. SQS errors surface as `SQS.<Java SDK
 * exception>` with a Java-SDK style cause, as Step Functions shows them.
 */
export function sqsIntegration(sqs: LocalSqs): Integration {
  return {
    async start({ parameters }: TaskRequest): Promise<Json> {
      const params = (parameters ?? {}) as JsonObject;
      const { QueueUrl, MessageBody, DelaySeconds, MessageAttributes } = params;
      if (typeof QueueUrl !== 'string') {
        throw new StatesError('States.Runtime', "The field 'QueueUrl' of sqs:sendMessage must be a string");
      }
      if (MessageBody === undefined || MessageBody === null) {
        throw new StatesError('States.Runtime', "The field 'MessageBody' of sqs:sendMessage is required");
      }
      const message: OutgoingMessage = {
        body: typeof MessageBody === 'string' ? MessageBody : JSON.stringify(MessageBody),
        ...(typeof DelaySeconds === 'number' ? { delaySeconds: DelaySeconds } : {}),
        ...(MessageAttributes ? { attributes: MessageAttributes as OutgoingMessage['attributes'] } : {}),
      };
      let sent;
      try {
        sent = sqs.sendMessage(sqs.require(QueueUrl), message);
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        throw new StatesError(
          stepFunctionsErrorName(error.code),
          `${error.message} (Service: AmazonSQS; Status Code: ${error.status}; Error Code: ${legacyCode(error.code)}; Proxy: null)`,
        );
      }
      await new Promise<void>((resolve) => sqs.db.afterCommit(resolve));
      const requestId = randomUUID();
      return {
        MD5OfMessageBody: sent.md5OfBody,
        ...(sent.md5OfAttributes ? { MD5OfMessageAttributes: sent.md5OfAttributes } : {}),
        MessageId: sent.messageId,
        SdkHttpMetadata: {
          AllHttpHeaders: {
            'Content-Type': ['application/x-amz-json-1.0'],
            'x-amzn-RequestId': [requestId],
          },
          HttpHeaders: { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': requestId },
          HttpStatusCode: 200,
        },
        SdkResponseMetadata: { RequestId: requestId },
      };
    },
  };
}

/** SQS's modelled errors: Step Functions names them after the Java SDK's exception classes. */
const MODELLED = new Set([
  'BatchEntryIdsNotDistinct',
  'BatchRequestTooLong',
  'EmptyBatchRequest',
  'InvalidAddress',
  'InvalidAttributeName',
  'InvalidAttributeValue',
  'InvalidBatchEntryId',
  'InvalidIdFormat',
  'InvalidMessageContents',
  'InvalidSecurity',
  'MessageNotInflight',
  'OverLimit',
  'PurgeQueueInProgress',
  'QueueDeletedRecently',
  'QueueDoesNotExist',
  'QueueNameExists',
  'ReceiptHandleIsInvalid',
  'RequestThrottled',
  'ResourceNotFoundException',
  'TooManyEntriesInBatchRequest',
  'UnsupportedOperation',
]);

/** e.g. `SQS.QueueDoesNotExistException`; an unmodelled code (InvalidParameterValue) is `SQS.AmazonSQSException`. */
export function stepFunctionsErrorName(code: string): string {
  if (!MODELLED.has(code)) return 'SQS.AmazonSQSException';
  return `SQS.${code.endsWith('Exception') ? code : `${code}Exception`}`;
}
