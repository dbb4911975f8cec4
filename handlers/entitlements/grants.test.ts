import { grantEntitlement, revokeEntitlement, type GrantItem, type GrantStore } from './grants';

/** A GrantStore in memory, with the conditional writes of the DynamoDB one. */
function memoryStore(): GrantStore & { items: Map<string, GrantItem> } {
  const items = new Map<string, GrantItem>();
  return {
    items,
    async putGrant(item) {
      if (items.has(item.transaction)) return false;
      items.set(item.transaction, item);
      return true;
    },
    async get(transaction) {
      return items.get(transaction);
    },
    async markRevoked(revocation) {
      const before = items.get(revocation.transaction);
      if (before?.status === 'revoked') return { applied: false };
      items.set(revocation.transaction, { ...before, ...revocation, status: 'revoked' });
      return { applied: true, before };
    },
  };
}

const PURCHASE = {
  userId: 'u1',
  email: 'ada@example.com',
  courseId: 'video-basics',
  provider: 'stripe' as const,
  transactionId: 'pi_1',
};
const grant = (executionId: string, at = '2026-01-01T00:00:00.000Z') => ({ ...PURCHASE, executionId, at });
const refund = (executionId: string, at = '2026-01-02T00:00:00.000Z') => ({
  provider: 'stripe' as const,
  transactionId: 'pi_1',
  kind: 'refund' as const,
  executionId,
  at,
});

describe('grantEntitlement', () => {
  it('grants a new purchase under its provider transaction', async () => {
    const store = memoryStore();
    await expect(grantEntitlement(grant('e1'), store)).resolves.toEqual({
      outcome: 'granted',
      grantedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(store.items.get('stripe#pi_1')).toMatchObject({
      status: 'granted',
      userId: 'u1',
      grantedBy: 'e1',
    });
  });

  it('calls a second execution for the same purchase a duplicate', async () => {
    const store = memoryStore();
    await grantEntitlement(grant('e1'), store);
    await expect(grantEntitlement(grant('e2'), store)).resolves.toEqual({ outcome: 'duplicate' });
  });

  it('lets the granting execution retry its step and still announce the first grant', async () => {
    const store = memoryStore();
    await grantEntitlement(grant('e1'), store);
    await expect(grantEntitlement(grant('e1', '2026-01-01T00:00:09.000Z'), store)).resolves.toEqual({
      outcome: 'granted',
      grantedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('refuses a purchase whose refund came first', async () => {
    const store = memoryStore();
    await revokeEntitlement(refund('r1'), store);
    await expect(grantEntitlement(grant('e1'), store)).resolves.toEqual({ outcome: 'refused' });
    expect(store.items.get('stripe#pi_1')?.status).toBe('revoked');
  });
});

describe('revokeEntitlement', () => {
  it('revokes a grant and names whose it was', async () => {
    const store = memoryStore();
    await grantEntitlement(grant('e1'), store);
    await expect(revokeEntitlement(refund('r1'), store)).resolves.toEqual({
      outcome: 'revoked',
      userId: 'u1',
      email: 'ada@example.com',
      courseId: 'video-basics',
      revokedAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('leaves a tombstone when nothing was granted', async () => {
    const store = memoryStore();
    await expect(revokeEntitlement(refund('r1'), store)).resolves.toEqual({ outcome: 'tombstone' });
    expect(store.items.get('stripe#pi_1')).toMatchObject({ status: 'revoked', revokedBy: 'r1' });
  });

  it('calls a second revocation a duplicate', async () => {
    const store = memoryStore();
    await grantEntitlement(grant('e1'), store);
    await revokeEntitlement(refund('r1'), store);
    await expect(revokeEntitlement(refund('r2'), store)).resolves.toEqual({ outcome: 'duplicate' });
  });

  it('lets the revoking execution retry its step and still announce the revocation', async () => {
    const store = memoryStore();
    await grantEntitlement(grant('e1'), store);
    await revokeEntitlement(refund('r1'), store);
    await expect(revokeEntitlement(refund('r1', '2026-01-03T00:00:00.000Z'), store)).resolves.toMatchObject({
      outcome: 'revoked',
      revokedAt: '2026-01-02T00:00:00.000Z',
    });
  });
});
