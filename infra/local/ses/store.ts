import type { LocalDatabase } from '../store/database';
import type { IdentityRecord, Mail, TemplateRecord } from './records';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ses_identities (name TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ses_templates (name TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ses_mails (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, sent_at INTEGER NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ses_recipients (
  address TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (address, seq)) WITHOUT ROWID;
`;

/** SES's tables in the runtime database. Writes go through the group commit; reads flush first. */
export class SesStore {
  private readonly stmt;
  private seq: number;

  constructor(private readonly local: LocalDatabase) {
    const db = local.db;
    db.exec(SCHEMA);
    this.stmt = {
      putIdentity: db.prepare('INSERT OR REPLACE INTO ses_identities (name, doc) VALUES (?, ?)'),
      deleteIdentity: db.prepare('DELETE FROM ses_identities WHERE name = ?'),
      identity: db.prepare('SELECT doc FROM ses_identities WHERE name = ?'),
      identities: db.prepare('SELECT doc FROM ses_identities WHERE name > ? ORDER BY name LIMIT ?'),
      putTemplate: db.prepare('INSERT OR REPLACE INTO ses_templates (name, doc) VALUES (?, ?)'),
      deleteTemplate: db.prepare('DELETE FROM ses_templates WHERE name = ?'),
      template: db.prepare('SELECT doc FROM ses_templates WHERE name = ?'),
      templates: db.prepare('SELECT doc FROM ses_templates WHERE name > ? ORDER BY name LIMIT ?'),
      putMail: db.prepare('INSERT INTO ses_mails (seq, id, sent_at, doc) VALUES (?, ?, ?, ?)'),
      putRecipient: db.prepare('INSERT OR IGNORE INTO ses_recipients (address, seq) VALUES (?, ?)'),
      mail: db.prepare('SELECT doc FROM ses_mails WHERE id = ?'),
      mails: db.prepare('SELECT doc FROM ses_mails ORDER BY seq DESC'),
      mailsTo: db.prepare(
        'SELECT m.doc FROM ses_recipients r JOIN ses_mails m ON m.seq = r.seq WHERE r.address = ? ORDER BY r.seq DESC',
      ),
      sentSince: db.prepare('SELECT COUNT(*) AS n FROM ses_mails WHERE sent_at >= ?'),
      maxSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM ses_mails'),
    };
    this.seq = (this.stmt.maxSeq.get() as { seq: number }).seq;
  }

  // Writes (group-committed)

  putIdentity(identity: IdentityRecord): void {
    this.local.write(
      () => this.stmt.putIdentity.run(identity.name, JSON.stringify(identity)),
      `sesi:${identity.name}`,
    );
  }

  deleteIdentity(name: string): void {
    this.local.write(() => this.stmt.deleteIdentity.run(name), `sesi:${name}`);
  }

  putTemplate(template: TemplateRecord): void {
    this.local.write(
      () => this.stmt.putTemplate.run(template.name, JSON.stringify(template)),
      `sest:${template.name}`,
    );
  }

  deleteTemplate(name: string): void {
    this.local.write(() => this.stmt.deleteTemplate.run(name), `sest:${name}`);
  }

  /** Stores a mail, findable by each recipient's (lower-case) address. */
  putMail(mail: Mail, sentAt: number, addresses: string[]): void {
    const seq = ++this.seq;
    const doc = JSON.stringify(mail);
    this.local.write(() => {
      this.stmt.putMail.run(seq, mail.id, sentAt, doc);
      for (const address of addresses) this.stmt.putRecipient.run(address, seq);
    });
  }

  // Reads (see every write made so far)

  identity(name: string): IdentityRecord | undefined {
    this.local.flush();
    return doc<IdentityRecord>(this.stmt.identity.get(name));
  }

  /** Identities after `after` in name order. */
  identities(after: string, limit: number): IdentityRecord[] {
    this.local.flush();
    return this.stmt.identities.all(after, limit).map((row) => doc<IdentityRecord>(row)!);
  }

  template(name: string): TemplateRecord | undefined {
    this.local.flush();
    return doc<TemplateRecord>(this.stmt.template.get(name));
  }

  templates(after: string, limit: number): TemplateRecord[] {
    this.local.flush();
    return this.stmt.templates.all(after, limit).map((row) => doc<TemplateRecord>(row)!);
  }

  mail(id: string): Mail | undefined {
    this.local.flush();
    return doc<Mail>(this.stmt.mail.get(id));
  }

  /** Newest first; only those to `address` (To, Cc or Bcc) when given. */
  mails(address?: string): Mail[] {
    this.local.flush();
    const rows = address === undefined ? this.stmt.mails.all() : this.stmt.mailsTo.all(address);
    return rows.map((row) => doc<Mail>(row)!);
  }

  sentSince(time: number): number {
    this.local.flush();
    return (this.stmt.sentSince.get(time) as { n: number }).n;
  }
}

function doc<T>(row: unknown): T | undefined {
  return row ? (JSON.parse((row as { doc: string }).doc) as T) : undefined;
}
