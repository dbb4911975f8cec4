/** What SQS keeps, as stored in its tables. Times are epoch milliseconds. */

/** A message attribute as on the wire (`BinaryValue` base64). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

export interface QueueRecord {
  name: string;
  createdAt: number;
  lastModifiedAt: number;
  /** The settable attributes, as strings, as GetQueueAttributes shows them. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  /** When the last PurgeQueue started (one per 60 s). */
  purgedAt?: number;
}

/** The parts of a message that never change once sent. */
export interface MessageContent {
  id: string;
  body: string;
  md5OfBody: string;
  attributes?: MessageAttributes;
  md5OfAttributes?: string;
  traceHeader?: string;
  groupId?: string;
  senderId: string;
  sentAt: number;
  /** Set when the queue's redrive policy moved it to a dead-letter queue. */
  deadLetterSourceArn?: string;
}

/** A message and where it is in its life. */
export interface MessageRecord extends MessageContent {
  /** Increasing over the whole runtime: the storage key and the order of delivery. */
  seq: number;
  queue: string;
  /** Not deliverable before this time (delay or visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  lastReceivedAt?: number;
  /** The nonce of the latest receipt handle; only it can delete the message. */
  receipt?: string;
}

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

export interface MoveTaskRecord {
  id: string;
  seq: number;
  sourceArn: string;
  destinationArn?: string;
  maxPerSecond?: number;
  status: MoveTaskStatus;
  moved: number;
  toMove: number;
  startedAt: number;
  failureReason?: string;
}
