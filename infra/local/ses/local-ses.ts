import type { Clock } from '../clock';
import type { LocalDatabase } from '../store/database';
import { Identities } from './identities';
import type { Input } from './input';
import { Mailbox } from './mailbox';
import { addressOf } from './mime';
import { sendEmail } from './send';
import { SesStore } from './store';
import { Templates } from './templates';

const DAY = 24 * 3600_000;

/**
 * The local SES v2: identities (verified at once), templates, and SendEmail into a mailbox kept
 * in the runtime database. Mail bodies are never logged.
 */
export class LocalSes {
  readonly identities: Identities;
  readonly templates: Templates;
  readonly mailbox: Mailbox;
  private readonly store: SesStore;

  constructor(
    db: LocalDatabase,
    private readonly clock: Clock,
    /** The topology's `mailFrom`: an identity from the start, always allowed to send. */
    mailFrom?: string,
  ) {
    this.store = new SesStore(db);
    this.identities = new Identities(this.store, clock, mailFrom);
    this.templates = new Templates(this.store, clock);
    this.mailbox = new Mailbox(this.store);
    if (mailFrom) this.identities.ensure(addressOf(mailFrom));
  }

  send(input: Input): { MessageId: string } {
    return sendEmail(
      {
        store: this.store,
        identities: this.identities,
        templates: this.templates,
        now: () => this.clock.now(),
      },
      input,
    );
  }

  /** GetAccount: production access (no sandbox), sending enabled, today's count. */
  account(): unknown {
    return {
      DedicatedIpAutoWarmupEnabled: false,
      EnforcementStatus: 'HEALTHY',
      ProductionAccessEnabled: true,
      SendingEnabled: true,
      SendQuota: {
        Max24HourSend: 50000,
        MaxSendRate: 14,
        SentLast24Hours: this.store.sentSince(this.clock.now() - DAY),
      },
      SuppressionAttributes: { SuppressedReasons: [] },
    };
  }
}
