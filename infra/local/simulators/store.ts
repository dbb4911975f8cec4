import type { LocalDatabase } from '../store/database';
import type { SaleRecord } from './gumroad-sale';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS simulators_paypal_messages (
  digest TEXT PRIMARY KEY, txn_id TEXT NOT NULL, ipn_track_id TEXT NOT NULL,
  issued_at INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS simulators_paypal_messages_txn ON simulators_paypal_messages (txn_id);
CREATE TABLE IF NOT EXISTS simulators_gumroad_sales (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
`;

/** An IPN message exactly as the simulator issued it. */
export interface IssuedIpn {
  txnId: string;
  ipnTrackId: string;
  /** Epoch ms. */
  issuedAt: number;
  /** The form-encoded message, byte for byte. */
  body: string;
}

/**
 * The simulators' tables in the runtime database. Writes go through the group commit; the
 * simulators commit before they answer, and reads flush first so they see every write.
 */
export class SimulatorStore {
  private readonly stmt;

  constructor(private readonly local: LocalDatabase) {
    const db = local.db;
    db.exec(SCHEMA);
    this.stmt = {
      putMessage: db.prepare(
        'INSERT OR IGNORE INTO simulators_paypal_messages (digest, txn_id, ipn_track_id, issued_at, body) VALUES (?, ?, ?, ?, ?)',
      ),
      messageByDigest: db.prepare('SELECT body FROM simulators_paypal_messages WHERE digest = ?'),
      messages: db.prepare(
        'SELECT txn_id, ipn_track_id, issued_at, body FROM simulators_paypal_messages ORDER BY issued_at DESC, rowid DESC',
      ),
      messagesOf: db.prepare(
        'SELECT txn_id, ipn_track_id, issued_at, body FROM simulators_paypal_messages WHERE txn_id = ? ORDER BY issued_at DESC, rowid DESC',
      ),
      putSale: db.prepare('INSERT OR REPLACE INTO simulators_gumroad_sales (id, doc) VALUES (?, ?)'),
      sale: db.prepare('SELECT doc FROM simulators_gumroad_sales WHERE id = ?'),
    };
  }

  /** Records a message under the SHA-256 `digest` of its body. */
  putMessage(message: IssuedIpn, digest: string): void {
    const { txnId, ipnTrackId, issuedAt, body } = message;
    this.local.write(() => this.stmt.putMessage.run(digest, txnId, ipnTrackId, issuedAt, body));
  }

  /** The body issued with this digest, if any. */
  messageBody(digest: string): string | undefined {
    this.local.flush();
    return (this.stmt.messageByDigest.get(digest) as { body: string } | undefined)?.body;
  }

  /** Newest first; only those of `txnId` when given. */
  messages(txnId?: string): IssuedIpn[] {
    this.local.flush();
    const rows = (txnId === undefined ? this.stmt.messages.all() : this.stmt.messagesOf.all(txnId)) as Array<{
      txn_id: string;
      ipn_track_id: string;
      issued_at: number;
      body: string;
    }>;
    return rows.map((row) => ({
      txnId: row.txn_id,
      ipnTrackId: row.ipn_track_id,
      issuedAt: row.issued_at,
      body: row.body,
    }));
  }

  putSale(sale: SaleRecord): void {
    const doc = JSON.stringify(sale);
    this.local.write(() => this.stmt.putSale.run(sale.id, doc), `simulators-gumroad:${sale.id}`);
  }

  sale(id: string): SaleRecord | undefined {
    this.local.flush();
    const row = this.stmt.sale.get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as SaleRecord) : undefined;
  }

  /** Makes every write so far durable (a simulator's answer must not get ahead of its record). */
  commit(): void {
    this.local.flush();
  }
}
