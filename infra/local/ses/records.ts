import type { AttachmentSummary } from './mime';

/** A mail as the mailbox lists it. */
export interface MailSummary {
  /** The SES MessageId. */
  id: string;
  from: string;
  to: string[];
  subject: string;
  /** ISO 8601. */
  sentAt: string;
}

/** A mail as sent: what a test or the console reads. */
export interface Mail extends MailSummary {
  cc: string[];
  bcc: string[];
  replyTo: string[];
  text?: string;
  html?: string;
  /** Lower-case names: the raw message's headers, or those SES would generate for Simple content. */
  headers: Record<string, string>;
  /** The EmailTags. */
  tags: Record<string, string>;
  attachments: AttachmentSummary[];
}

export interface IdentityRecord {
  name: string;
  type: 'EMAIL_ADDRESS' | 'DOMAIN';
  /** Epoch ms. */
  createdAt: number;
  tags: Array<{ Key: string; Value: string }>;
}

export interface TemplateRecord {
  name: string;
  subject?: string;
  text?: string;
  html?: string;
  /** Epoch ms. */
  createdAt: number;
  tags: Array<{ Key: string; Value: string }>;
}
