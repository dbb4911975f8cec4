import { createHash } from 'node:crypto';
import type { MessageAttributes } from './records';

/** Hex MD5 of the UTF-8 body, as SQS answers it in `MD5OfMessageBody` / `MD5OfBody`. */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

/**
 * `MD5OfMessageAttributes`: names sorted, then for each the length-prefixed name, the
 * length-prefixed DataType, a transport byte (1 string/number, 2 binary) and the length-prefixed
 * value; lengths are 4-byte big-endian (aws-wire.md §4, SQS developer guide "message metadata").
 */
export function md5OfMessageAttributes(attributes: MessageAttributes): string {
  const parts: Buffer[] = [];
  const prefixed = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name];
    prefixed(Buffer.from(name, 'utf8'));
    prefixed(Buffer.from(attribute.DataType, 'utf8'));
    if (attribute.DataType.startsWith('Binary')) {
      parts.push(Buffer.from([2]));
      prefixed(Buffer.from(attribute.BinaryValue ?? '', 'base64'));
    } else {
      parts.push(Buffer.from([1]));
      prefixed(Buffer.from(attribute.StringValue ?? '', 'utf8'));
    }
  }
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
}
