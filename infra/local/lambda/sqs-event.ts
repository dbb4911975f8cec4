import type { MessageRecord } from '../sqs/records';
import { encodeReceipt } from '../sqs/receipt';
import { systemAttributes } from '../sqs/received';
import { LOCAL_REGION } from './functions';

/** One record of the event Lambda's SQS event source mapping sends (the `aws:sqs` shape). */
export interface SqsEventRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<
    string,
    {
      stringValue?: string;
      binaryValue?: string;
      stringListValues: string[];
      binaryListValues: string[];
      dataType: string;
    }
  >;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

/** The record for a message just received (its receipt is the current one). */
export function sqsEventRecord(m: MessageRecord, queueArn: string): SqsEventRecord {
  const messageAttributes: SqsEventRecord['messageAttributes'] = {};
  for (const [name, value] of Object.entries(m.attributes ?? {})) {
    messageAttributes[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: value.BinaryValue } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType,
    };
  }
  return {
    messageId: m.id,
    receiptHandle: encodeReceipt({ queue: m.queue, messageId: m.id, nonce: m.receipt! }),
    body: m.body,
    attributes: systemAttributes(m),
    messageAttributes,
    md5OfBody: m.md5OfBody,
    ...(m.md5OfAttributes ? { md5OfMessageAttributes: m.md5OfAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: LOCAL_REGION,
  };
}
