/**
 * What workflows put on the mail outbox: which mail, to whom, about what, and the key that makes
 * a redelivered message a duplicate. Workflows write these with `sqs:sendMessage`; `send-mail`
 * reads them with `MailMessage`.
 */
import { z } from 'zod';
import { RefundKind } from '../../events/payments';

const common = {
  /** Same key, same mail: sent once (e.g. `access-granted:stripe#pi_…`). */
  dedupeKey: z.string().min(1).max(512),
  to: z.email(),
  courseId: z.string().min(1),
};

export const MailMessage = z.discriminatedUnion('kind', [
  /** A buyer without an account: a link to set a password. */
  z.object({ kind: z.literal('invitation'), userId: z.string().min(1), ...common }),
  z.object({ kind: z.literal('access-granted'), ...common }),
  z.object({ kind: z.literal('access-revoked'), reason: RefundKind, ...common }),
]);
export type MailMessage = z.infer<typeof MailMessage>;

export interface RenderedMail {
  subject: string;
  text: string;
}

/** What the renderer needs besides the message. */
export interface RenderContext {
  /** The course's title, from the catalogue. */
  courseTitle: string;
  /** Where students open Lectern, e.g. `http://localhost:5173`. */
  appUrl: string;
  /** The set-password token of an invitation. */
  invitationToken?: string;
}

/** The subject and plain-text body of a message. */
export function renderMail(message: MailMessage, context: RenderContext): RenderedMail {
  const { courseTitle, appUrl } = context;
  const courseUrl = `${appUrl}/courses/${encodeURIComponent(message.courseId)}`;
  switch (message.kind) {
    case 'invitation': {
      if (!context.invitationToken) throw new Error('An invitation needs its set-password token');
      const link = `${appUrl}/set-password?token=${encodeURIComponent(context.invitationToken)}`;
      return {
        subject: `Your Lectern account for ${courseTitle}`,
        text: `Thank you for buying ${courseTitle}.\n\nChoose a password to open your account:\n${link}\n\nThe link works for 7 days.\n`,
      };
    }
    case 'access-granted':
      return {
        subject: `You have access to ${courseTitle}`,
        text: `${courseTitle} is now in your library:\n${courseUrl}\n`,
      };
    case 'access-revoked':
      return {
        subject: `Your access to ${courseTitle} has ended`,
        text: `Your payment for ${courseTitle} was ${message.reason === 'refund' ? 'refunded' : 'disputed'}, so the course is no longer in your library.\n`,
      };
  }
}
