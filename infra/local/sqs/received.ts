import { md5OfMessageAttributes } from './md5';
import { encodeReceipt } from './receipt';
import type { MessageAttributes, MessageRecord } from './records';

const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
  'MessageGroupId',
] as const;

/** The system attributes a message has, as ReceiveMessage spells them (strings, epoch ms). */
export function systemAttributes(m: MessageRecord): Record<string, string> {
  const all: Record<string, string | undefined> = {
    SenderId: m.senderId,
    SentTimestamp: String(m.sentAt),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: m.firstReceivedAt !== undefined ? String(m.firstReceivedAt) : undefined,
    AWSTraceHeader: m.traceHeader,
    DeadLetterQueueSourceArn: m.deadLetterSourceArn,
    MessageGroupId: m.groupId,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/** The message attributes selected by `MessageAttributeNames` (`All`, `.*`, names, `prefix.*`). */
export function selectAttributes(
  attributes: MessageAttributes | undefined,
  names: string[],
): MessageAttributes | undefined {
  if (!attributes || !names.length) return undefined;
  const wanted = (name: string) =>
    names.some(
      (n) => n === 'All' || n === '.*' || n === name || (n.endsWith('.*') && name.startsWith(n.slice(0, -1))),
    );
  const selected = Object.fromEntries(Object.entries(attributes).filter(([name]) => wanted(name)));
  return Object.keys(selected).length ? selected : undefined;
}

/** One message of a ReceiveMessage answer. */
export function receivedMessage(
  m: MessageRecord,
  systemNames: string[],
  attributeNames: string[],
): Record<string, unknown> {
  const all = systemNames.includes('All');
  const system = Object.fromEntries(
    Object.entries(systemAttributes(m)).filter(
      ([name]) =>
        all || (systemNames.includes(name) && (SYSTEM_ATTRIBUTES as readonly string[]).includes(name)),
    ),
  );
  const attributes = selectAttributes(m.attributes, attributeNames);
  return {
    MessageId: m.id,
    ReceiptHandle: encodeReceipt({ queue: m.queue, messageId: m.id, nonce: m.receipt! }),
    MD5OfBody: m.md5OfBody,
    Body: m.body,
    ...(Object.keys(system).length ? { Attributes: system } : {}),
    // The digest covers the attributes returned, so a client can check what it got.
    ...(attributes
      ? { MessageAttributes: attributes, MD5OfMessageAttributes: md5OfMessageAttributes(attributes) }
      : {}),
  };
}
