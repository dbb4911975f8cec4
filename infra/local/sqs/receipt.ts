import { randomBytes } from 'node:crypto';

/**
 * Receipt handles are opaque to callers; here they name the queue, the message and the receive
 * they came from, so a handle from an earlier receive is recognised as stale.
 */
export interface Receipt {
  queue: string;
  messageId: string;
  nonce: string;
}

export function newNonce(): string {
  return randomBytes(12).toString('hex');
}

export function encodeReceipt(receipt: Receipt): string {
  return Buffer.from(`${receipt.nonce}\n${receipt.queue}\n${receipt.messageId}`, 'utf8').toString('base64');
}

export function decodeReceipt(handle: string): Receipt | undefined {
  if (!/^[A-Za-z0-9+/]+=*$/.test(handle)) return undefined;
  const [nonce, queue, messageId, ...rest] = Buffer.from(handle, 'base64').toString('utf8').split('\n');
  if (rest.length || !nonce || !queue || !messageId || !/^[0-9a-f]{24}$/.test(nonce)) return undefined;
  return { queue, messageId, nonce };
}
