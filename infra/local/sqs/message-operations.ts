import type { IncomingMessage } from 'node:http';
import { AwsError } from '../http/aws-error';
import type { Operation } from '../http/json-rpc';
import { invalidParameter, invalidValue, sqsError } from './errors';
import { md5OfMessageAttributes } from './md5';
import type { Queue } from './queue';
import { decodeReceipt } from './receipt';
import { receivedMessage } from './received';
import type { LocalSqs, OutgoingMessage } from './sqs';
import {
  batchEntries,
  optionalInteger,
  optionalString,
  requiredString,
  stringList,
  type Input,
} from './validation';

const MAX_BATCH_BYTES = 262144;
const MAX_VISIBILITY = 43200;
/** A standard queue holds at most this many messages in flight. */
const MAX_IN_FLIGHT = 120_000;
const VISIBILITY_RANGE = 'Must be between 0 and 43200, if provided.';

/**
 * SendMessage(Batch), ReceiveMessage, DeleteMessage(Batch), ChangeMessageVisibility(Batch).
 * The endpoint commits before it answers, so what an answer reports is durable.
 */
export function messageOperations(sqs: LocalSqs): Record<string, Operation> {
  const queueOf = (input: Input) => sqs.require(requiredString(input, 'QueueUrl'));

  const send = (queue: Queue, entry: Input, request: IncomingMessage) => {
    const sent = sqs.sendMessage(queue, outgoing(entry, request));
    const trace = (entry.MessageSystemAttributes as Input | undefined)?.AWSTraceHeader as
      { DataType: string; StringValue: string } | undefined;
    return {
      MessageId: sent.messageId,
      MD5OfMessageBody: sent.md5OfBody,
      ...(sent.md5OfAttributes ? { MD5OfMessageAttributes: sent.md5OfAttributes } : {}),
      ...(trace ? { MD5OfMessageSystemAttributes: md5OfMessageAttributes({ AWSTraceHeader: trace }) } : {}),
    };
  };

  /** Runs one batch entry; an SQS error becomes its `Failed` entry. */
  const perEntry = <T>(entries: Input[], run: (entry: Input) => T) => {
    const Successful: Array<T & { Id: string }> = [];
    const Failed: Array<{ Id: string; SenderFault: boolean; Code: string; Message: string }> = [];
    for (const entry of entries) {
      const Id = entry.Id as string;
      try {
        Successful.push({ Id, ...run(entry) });
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        Failed.push({ Id, SenderFault: true, Code: error.code, Message: error.message });
      }
    }
    return { Successful, Failed };
  };

  /** The message a receipt handle names, or ReceiptHandleIsInvalid. */
  const receiptOf = (queue: Queue, handle: string) => {
    const receipt = decodeReceipt(handle);
    if (!receipt || receipt.queue !== queue.name) {
      throw sqsError(
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${handle}" is not a valid receipt handle.`,
      );
    }
    return receipt;
  };

  const deleteMessage = (queue: Queue, handle: string) => {
    const receipt = receiptOf(queue, handle);
    // A stale or spent handle succeeds without deleting anything, as in SQS.
    queue.deleteByReceipt(receipt.messageId, receipt.nonce);
  };

  const changeVisibility = (queue: Queue, handle: string, timeout: number) => {
    const receipt = receiptOf(queue, handle);
    const message = queue.get(receipt.messageId);
    if (message?.lastReceivedAt !== undefined) {
      const held = (sqs.clock.now() - message.lastReceivedAt) / 1000;
      if (message.receipt === receipt.nonce && held + timeout > MAX_VISIBILITY) {
        throw invalidValue(
          'VisibilityTimeout',
          timeout,
          `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY} seconds]`,
        );
      }
    }
    const outcome = queue.changeVisibility(receipt.messageId, receipt.nonce, timeout);
    if (outcome === 'missing') {
      throw invalidValue(
        'ReceiptHandle',
        handle,
        'Message does not exist or is not available for visibility timeout change.',
      );
    }
    if (outcome === 'not-inflight') {
      throw sqsError('MessageNotInflight', 'The message referred to is not in flight.');
    }
  };

  const visibilityTimeout = (input: Input, required: boolean) => {
    const timeout = optionalInteger(input, 'VisibilityTimeout', 0, MAX_VISIBILITY, VISIBILITY_RANGE);
    if (timeout === undefined && required) {
      throw sqsError('MissingParameter', 'The request must contain the parameter VisibilityTimeout.');
    }
    return timeout;
  };

  return {
    SendMessage(input, request) {
      const queue = queueOf(input);
      return send(queue, input, request);
    },

    SendMessageBatch(input, request) {
      const queue = queueOf(input);
      const entries = batchEntries(input, 'SendMessageBatchRequestEntry');
      const bytes = entries.reduce(
        (sum, e) => sum + (typeof e.MessageBody === 'string' ? Buffer.byteLength(e.MessageBody) : 0),
        0,
      );
      if (bytes > MAX_BATCH_BYTES) {
        throw sqsError(
          'BatchRequestTooLong',
          `Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes. You have sent ${bytes} bytes.`,
        );
      }
      return perEntry(entries, (entry) => send(queue, entry, request));
    },

    async ReceiveMessage(input, request) {
      const queue = queueOf(input);
      const max =
        optionalInteger(input, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.') ?? 1;
      const timeout = visibilityTimeout(input, false) ?? queue.attribute('VisibilityTimeout');
      const wait =
        optionalInteger(input, 'WaitTimeSeconds', 0, 20, 'Must be >= 0 and <= 20, if provided.') ??
        queue.attribute('ReceiveMessageWaitTimeSeconds');
      const systemNames = [
        ...stringList(input, 'MessageSystemAttributeNames'),
        ...stringList(input, 'AttributeNames'),
      ];
      const attributeNames = stringList(input, 'MessageAttributeNames');
      optionalString(input, 'ReceiveRequestAttemptId');
      if (queue.counts().inflight >= MAX_IN_FLIGHT) {
        throw sqsError(
          'OverLimit',
          `The maximum number of in flight messages (${MAX_IN_FLIGHT}) has been reached.`,
        );
      }
      const aborted = new AbortController();
      const abort = () => aborted.abort();
      request.socket.once('close', abort);
      try {
        const messages = await sqs.poll(queue, wait, () => sqs.receive(queue, max, timeout), aborted.signal);
        if (!messages.length) return {};
        return { Messages: messages.map((m) => receivedMessage(m, systemNames, attributeNames)) };
      } finally {
        request.socket.off('close', abort);
      }
    },

    DeleteMessage(input) {
      const queue = queueOf(input);
      deleteMessage(queue, requiredString(input, 'ReceiptHandle'));
      return {};
    },

    DeleteMessageBatch(input) {
      const queue = queueOf(input);
      const entries = batchEntries(input, 'DeleteMessageBatchRequestEntry');
      return perEntry(entries, (entry) => {
        deleteMessage(queue, requiredString(entry, 'ReceiptHandle'));
        return {};
      });
    },

    ChangeMessageVisibility(input) {
      const queue = queueOf(input);
      const handle = requiredString(input, 'ReceiptHandle');
      changeVisibility(queue, handle, visibilityTimeout(input, true)!);
      return {};
    },

    ChangeMessageVisibilityBatch(input) {
      const queue = queueOf(input);
      const entries = batchEntries(input, 'ChangeMessageVisibilityBatchRequestEntry');
      return perEntry(entries, (entry) => {
        changeVisibility(queue, requiredString(entry, 'ReceiptHandle'), visibilityTimeout(entry, true)!);
        return {};
      });
    },
  };
}

/** A SendMessage(Batch) entry as the queue takes it. */
function outgoing(entry: Input, request: IncomingMessage): OutgoingMessage {
  const body = requiredString(entry, 'MessageBody');
  const delaySeconds = entry.DelaySeconds;
  if (delaySeconds !== undefined && delaySeconds !== null && typeof delaySeconds !== 'number') {
    throw invalidParameter('Value for parameter DelaySeconds is invalid.');
  }
  const dedup = optionalString(entry, 'MessageDeduplicationId');
  if (dedup !== undefined) {
    throw invalidValue(
      'MessageDeduplicationId',
      dedup,
      'The request includes a parameter that is not valid for this queue type.',
    );
  }
  const groupId = optionalString(entry, 'MessageGroupId');
  if (groupId !== undefined && !/^[\x21-\x7e]{1,128}$/.test(groupId)) {
    throw invalidValue(
      'MessageGroupId',
      groupId,
      'MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
    );
  }
  return {
    body,
    ...(typeof delaySeconds === 'number' ? { delaySeconds } : {}),
    ...(entry.MessageAttributes !== undefined
      ? { attributes: entry.MessageAttributes as OutgoingMessage['attributes'] }
      : {}),
    ...traceHeader(entry.MessageSystemAttributes),
    ...(groupId !== undefined ? { groupId } : {}),
    senderId: accessKeyOf(request),
  };
}

/** `MessageSystemAttributes`: only AWSTraceHeader, a String. */
function traceHeader(value: unknown): { traceHeader?: string } {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameter('Value for parameter MessageSystemAttributes is invalid.');
  }
  const out: { traceHeader?: string } = {};
  for (const [name, attribute] of Object.entries(value as Record<string, unknown>)) {
    const a = attribute as { DataType?: unknown; StringValue?: unknown } | null;
    if (name !== 'AWSTraceHeader')
      throw invalidParameter(`Message system attribute name '${name}' is invalid.`);
    if (a?.DataType !== 'String' || typeof a.StringValue !== 'string' || !a.StringValue) {
      throw invalidParameter(
        "Message system attribute 'AWSTraceHeader' must contain a non-empty value of type 'String'.",
      );
    }
    out.traceHeader = a.StringValue;
  }
  return out;
}

/** The caller's access key id stands in for the IAM user id SQS reports as SenderId. */
function accessKeyOf(request: IncomingMessage): string | undefined {
  return /Credential=([^/,\s]+)\//.exec(request.headers.authorization ?? '')?.[1];
}
