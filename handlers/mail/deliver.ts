/**
 * Sending the outbox's mail, once per dedupe key. A marker is claimed for a short lease before
 * sending and marked sent after, so a redelivered message finds it sent (and is dropped) while a
 * send that failed leaves it claimable again (see `handlers/webhooks/store.ts` for the pattern).
 */
import { AlreadyInProgressError, InvalidEventError } from '../shared/errors';
import { MailMessage, renderMail } from './message';

export type Claim = 'claimed' | 'sent' | 'busy';

/** The `sentMails` markers. */
export interface SentMarkers {
  claim(dedupeKey: string, now: number): Promise<Claim>;
  markSent(dedupeKey: string, now: number): Promise<void>;
  /** Gives a claim up after a failed send, so the retry need not wait for the lease. */
  release(dedupeKey: string): Promise<void>;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface DeliverDeps {
  markers: SentMarkers;
  send(mail: OutgoingMail): Promise<void>;
  /** A new set-password token for a pending account; undefined when the account is no longer pending. */
  issueInvitation(email: string, userId: string, now: number): Promise<string | undefined>;
  courseTitle(courseId: string): string;
  appUrl: string;
  now(): number;
}

/** Sends the mail `body` describes; `duplicate` when its key was sent before, `skipped` when there is nothing to send. */
export async function deliverMail(
  body: string,
  deps: DeliverDeps,
): Promise<'sent' | 'duplicate' | 'skipped'> {
  const message = parseMessage(body);
  const now = deps.now();
  const claim = await deps.markers.claim(message.dedupeKey, now);
  if (claim === 'sent') return 'duplicate';
  if (claim === 'busy') throw new AlreadyInProgressError(`The mail ${message.dedupeKey} is being sent`);
  try {
    let invitationToken: string | undefined;
    if (message.kind === 'invitation') {
      invitationToken = await deps.issueInvitation(message.to, message.userId, now);
      if (!invitationToken) {
        await deps.markers.markSent(message.dedupeKey, now);
        return 'skipped';
      }
    }
    const rendered = renderMail(message, {
      courseTitle: deps.courseTitle(message.courseId),
      appUrl: deps.appUrl,
      invitationToken,
    });
    await deps.send({ to: message.to, ...rendered });
  } catch (error) {
    await deps.markers.release(message.dedupeKey).catch(() => undefined);
    throw error;
  }
  await deps.markers.markSent(message.dedupeKey, now);
  return 'sent';
}

function parseMessage(body: string): MailMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new InvalidEventError('An outbox message that is not JSON');
  }
  const parsed = MailMessage.safeParse(value);
  if (!parsed.success)
    throw new InvalidEventError(`Not an outbox message: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

export interface OutboxRecord {
  messageId: string;
  body: string;
}

/**
 * Delivers a batch, each message on its own: the failed ones are reported so that only they come
 * back (and reach the dead-letter queue after the queue's maxReceiveCount).
 */
export async function deliverBatch(
  records: OutboxRecord[],
  deps: DeliverDeps,
  onFailure: (record: OutboxRecord, error: unknown) => void = () => undefined,
): Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }> {
  const failures: Array<{ itemIdentifier: string }> = [];
  for (const record of records) {
    try {
      await deliverMail(record.body, deps);
    } catch (error) {
      onFailure(record, error);
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
