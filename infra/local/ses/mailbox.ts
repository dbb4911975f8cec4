import type { Mail, MailSummary } from './records';
import type { SesStore } from './store';
import { addressOf } from './mime';

/** The mail SES "sent": what tests and the console read instead of an inbox. */
export class Mailbox {
  constructor(private readonly store: SesStore) {}

  /** Newest first; with `to`, only mail with that address among its To, Cc or Bcc (any case). */
  list(filter: { to?: string } = {}): MailSummary[] {
    const address = filter.to === undefined ? undefined : addressOf(filter.to).toLowerCase();
    return this.store
      .mails(address)
      .map(({ id, from, to, subject, sentAt }) => ({ id, from, to, subject, sentAt }));
  }

  /** One mail by its MessageId; throws when there is none. */
  read(id: string): Mail {
    const mail = this.store.mail(id);
    if (!mail) throw new Error(`No mail with id ${id}`);
    return mail;
  }
}
