/** What the entitlement workflows hand their steps, checked at the boundary. */
import { z } from 'zod';
import { Provider, RefundKind } from '../../events/payments';
import { InvalidEventError } from '../shared/errors';

const step = { executionId: z.string().min(1), at: z.iso.datetime() };

export const FindOrCreateUserInput = z.object({ email: z.email(), ...step });

export const GrantEntitlementInput = z.object({
  userId: z.string().min(1),
  email: z.email(),
  courseId: z.string().min(1),
  provider: Provider,
  transactionId: z.string().min(1),
  ...step,
});

export const NormaliseRefundInput = z.object({ provider: Provider, body: z.string().min(1) });

export const VerifyRefundInput = NormaliseRefundInput.extend({ transactionId: z.string().min(1) });

export const RevokeEntitlementInput = z.object({
  provider: Provider,
  transactionId: z.string().min(1),
  kind: RefundKind,
  ...step,
});

/** Parses a step's input; a workflow that hands over something else is a bug, not worth a retry. */
export function stepInput<S extends z.ZodType>(schema: S, event: unknown): z.output<S> {
  const parsed = schema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidEventError(`${issue.path.join('.') || 'input'}: ${issue.message}`);
  }
  return parsed.data;
}
