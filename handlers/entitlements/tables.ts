/** The entitlement flow's table and queue names, shared by the topology, the workflows and the stores (no SDK here). */

/** One item per account, keyed by the lower-cased e-mail address. */
export const USERS_TABLE = 'users';
export const USERS_KEY = 'email';

/**
 * One item per provider transaction (`provider#transactionId`): the grant it gave, or the
 * revocation that came first (a tombstone). One item per purchase is what makes a grant happen
 * at most once, and a refund that overtook its payment stop the grant.
 */
export const ENTITLEMENTS_TABLE = 'entitlements';
export const ENTITLEMENTS_KEY = 'transaction';
/** Grants by user and course (tombstones have no user, so the index skips them). */
export const ENTITLEMENTS_BY_USER = 'byUser';

/** `provider#transactionId`, the entitlements key. */
export const transactionKey = (provider: string, transactionId: string) => `${provider}#${transactionId}`;
