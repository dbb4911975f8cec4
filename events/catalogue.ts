/** Every event Lectern emits, and the bus they travel on. */
import { EntitlementGranted, EntitlementRevoked, UserInvited } from './entitlements';
import type { EventDefinition } from './event';
import {
  PaymentDelayed,
  PaymentReceived,
  PaymentRefunded,
  PaymentRejected,
  PaymentVerified,
} from './payments';

/** The topology's bus for Lectern's own events (functions learn its name through `resourceEnv`). */
export const LECTERN_BUS = 'lectern';

/** The catalogue: every definition once. Detail-types are unique across it (rules rely on it). */
export const CATALOGUE: readonly EventDefinition[] = [
  PaymentReceived,
  PaymentRefunded,
  PaymentVerified,
  PaymentDelayed,
  PaymentRejected,
  EntitlementGranted,
  EntitlementRevoked,
  UserInvited,
];
