/** The entitlement flow's events: access to a course granted or taken back, accounts made for buyers. */
import { z } from 'zod';
import { defineEvent } from './event';
import { Provider, RefundKind } from './payments';

export const ENTITLEMENTS_SOURCE = 'lectern.entitlements';

const timestamp = z.iso.datetime();

/** Who has which course, and through which payment. */
const entitlement = {
  userId: z.string().min(1),
  email: z.email(),
  courseId: z.string().min(1),
  provider: Provider,
  transactionId: z.string().min(1),
};

/** A verified payment gave the user the course. */
export const EntitlementGranted = defineEvent({
  source: ENTITLEMENTS_SOURCE,
  detailType: 'Entitlement Granted',
  schema: z.object({ ...entitlement, grantedAt: timestamp }),
});
export type EntitlementGrantedDetail = z.infer<typeof EntitlementGranted.schema>;

/** A refund or dispute took the course back. */
export const EntitlementRevoked = defineEvent({
  source: ENTITLEMENTS_SOURCE,
  detailType: 'Entitlement Revoked',
  schema: z.object({ ...entitlement, kind: RefundKind, revokedAt: timestamp }),
});
export type EntitlementRevokedDetail = z.infer<typeof EntitlementRevoked.schema>;

/** A purchase came before sign-up: a pending account was created and its owner is invited. */
export const UserInvited = defineEvent({
  source: ENTITLEMENTS_SOURCE,
  detailType: 'User Invited',
  schema: z.object({
    userId: z.string().min(1),
    email: z.email(),
    /** The course bought, for the invitation. */
    courseId: z.string().min(1),
    invitedAt: timestamp,
  }),
});
export type UserInvitedDetail = z.infer<typeof UserInvited.schema>;
