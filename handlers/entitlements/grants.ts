/**
 * Grants and revocations, one `entitlements` item per provider transaction. A grant is a
 * conditional put that fails when the transaction has any item: a grant (a redelivered event,
 * another execution) or a tombstone (its refund came first). Each write remembers its execution,
 * so a retried step recognises its own write and carries on where another execution stops.
 */
import type { Provider, RefundKind } from '../../events/payments';
import { transactionKey } from './tables';

export interface GrantItem {
  transaction: string;
  status: 'granted' | 'revoked';
  provider: Provider;
  transactionId: string;
  /** Absent on a tombstone (a revocation that came before its grant). */
  userId?: string;
  email?: string;
  courseId?: string;
  grantedAt?: string;
  grantedBy?: string;
  revokedAt?: string;
  revokedBy?: string;
  kind?: RefundKind;
}

export interface GrantStore {
  /** Puts the item unless the transaction has one; false when it has. */
  putGrant(item: GrantItem): Promise<boolean>;
  get(transaction: string): Promise<GrantItem | undefined>;
  /**
   * Marks the transaction revoked (creating a tombstone when it has no item), unless it is revoked
   * already: then `applied` is false. `before` is the item the write replaced.
   */
  markRevoked(
    revocation: Pick<
      GrantItem,
      'transaction' | 'provider' | 'transactionId' | 'revokedAt' | 'revokedBy' | 'kind'
    >,
  ): Promise<{ applied: boolean; before?: GrantItem }>;
}

export interface GrantInput {
  userId: string;
  email: string;
  courseId: string;
  provider: Provider;
  transactionId: string;
  executionId: string;
  at: string;
}

export type GrantOutcome =
  /** This execution granted the course: it announces it. */
  | { outcome: 'granted'; grantedAt: string }
  /** Another execution granted it. */
  | { outcome: 'duplicate' }
  /** The transaction was refunded or disputed before it was granted. */
  | { outcome: 'refused' };

export async function grantEntitlement(input: GrantInput, store: GrantStore): Promise<GrantOutcome> {
  const { executionId, at, ...grant } = input;
  const transaction = transactionKey(input.provider, input.transactionId);
  const item: GrantItem = { transaction, status: 'granted', ...grant, grantedAt: at, grantedBy: executionId };
  if (await store.putGrant(item)) return { outcome: 'granted', grantedAt: at };
  const existing = await store.get(transaction);
  if (existing?.status === 'revoked') return { outcome: 'refused' };
  if (existing?.grantedBy === executionId) return { outcome: 'granted', grantedAt: existing.grantedAt ?? at };
  return { outcome: 'duplicate' };
}

export interface RevokeInput {
  provider: Provider;
  transactionId: string;
  kind: RefundKind;
  executionId: string;
  at: string;
}

export type RevokeOutcome =
  /** This execution took a grant back: it announces it. */
  | { outcome: 'revoked'; userId: string; email: string; courseId: string; revokedAt: string }
  /** Nothing was granted yet: a tombstone stops the grant. */
  | { outcome: 'tombstone' }
  /** Another execution revoked it. */
  | { outcome: 'duplicate' };

export async function revokeEntitlement(input: RevokeInput, store: GrantStore): Promise<RevokeOutcome> {
  const transaction = transactionKey(input.provider, input.transactionId);
  const { applied, before } = await store.markRevoked({
    transaction,
    provider: input.provider,
    transactionId: input.transactionId,
    kind: input.kind,
    revokedAt: input.at,
    revokedBy: input.executionId,
  });
  const granted = applied ? before : await ownRevocation(store, transaction, input.executionId);
  if (granted === 'duplicate') return { outcome: 'duplicate' };
  if (!granted?.userId || !granted.email || !granted.courseId) return { outcome: 'tombstone' };
  const revokedAt = applied ? input.at : (granted.revokedAt ?? input.at);
  return {
    outcome: 'revoked',
    userId: granted.userId,
    email: granted.email,
    courseId: granted.courseId,
    revokedAt,
  };
}

/** After a refused revocation: the item if this execution revoked it (a retried step), else `duplicate`. */
async function ownRevocation(
  store: GrantStore,
  transaction: string,
  executionId: string,
): Promise<GrantItem | 'duplicate' | undefined> {
  const existing = await store.get(transaction);
  return existing?.revokedBy === executionId ? existing : 'duplicate';
}
