import { decodeReceipt, encodeReceipt, newNonce } from './receipt';

describe('receipt handles', () => {
  it('round-trip the queue, message and receive', () => {
    const receipt = { queue: 'orders', messageId: 'm-1', nonce: newNonce() };
    expect(decodeReceipt(encodeReceipt(receipt))).toEqual(receipt);
  });

  it('reject text that is not a handle', () => {
    expect(decodeReceipt('garbage')).toBeUndefined();
    expect(decodeReceipt(Buffer.from('a\nb\nc').toString('base64'))).toBeUndefined();
    expect(decodeReceipt('not base64!')).toBeUndefined();
  });
});
