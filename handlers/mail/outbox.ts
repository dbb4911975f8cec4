/** The mail outbox: its queue, its dead letters, and the table that remembers what was sent. */
export const MAIL_OUTBOX_QUEUE = 'mail-outbox';
export const MAIL_OUTBOX_DEAD_LETTERS = 'mail-outbox-dead';
/** One marker per dedupe key: a mail redelivered by the queue is not sent twice. */
export const SENT_MAILS_TABLE = 'sentMails';
export const SENT_MAILS_KEY = 'dedupeKey';
export const SENT_MAILS_EXPIRY = 'expiresAt';
/** The verified identity Lectern's mail comes from (the topology's `mailFrom`). */
export const MAIL_FROM = 'courses@lectern.local';
