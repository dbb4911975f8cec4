import type { Clock } from '../clock';
import { DynamoDbError, type Dynalite } from './dynalite';
import type { TimeToLiveSettings } from './time-to-live';

/** How often expired items are looked for. AWS deletes them "within a few days"; locally, soon. */
export const SWEEP_INTERVAL_MS = 60_000;

/** AWS leaves items alone whose expiry lies more than five years in the past. */
const OLDEST_EXPIRY_SECONDS = 5 * 365 * 24 * 3600;

type Item = Record<string, Record<string, unknown>>;

/**
 * Time to Live expiry, which dynalite does not do: every SWEEP_INTERVAL_MS of the Clock, each
 * table with TTL enabled is scanned for items whose TTL attribute (a Number, epoch seconds) is
 * in the past, and those are deleted, as AWS's background process does. Until then expired
 * items still show in reads, as on AWS. No timer is set while no table has TTL enabled.
 */
export class TimeToLiveSweeper {
  private cancel: (() => void) | undefined;
  private running: Promise<number> = Promise.resolve(0);
  private sweeping = false;
  private stopped = false;

  constructor(
    private readonly dynalite: Dynalite,
    private readonly settings: TimeToLiveSettings,
    private readonly clock: Clock,
    private readonly intervalMs = SWEEP_INTERVAL_MS,
  ) {
    settings.onChange(() => this.arm());
  }

  /** Sets the timer for the next sweep, unless it is set, a sweep runs, or nothing has TTL. */
  arm(): void {
    if (this.stopped || this.cancel || this.sweeping || !this.settings.enabled().length) return;
    this.cancel = this.clock.at(this.clock.now() + this.intervalMs, () => {
      this.cancel = undefined;
      this.sweeping = true;
      this.running = this.sweep()
        .catch((error: unknown) => {
          if (!this.stopped) console.error('DynamoDB TTL sweep failed:', error);
          return 0;
        })
        .finally(() => {
          this.sweeping = false;
          this.arm();
        });
    });
  }

  /** The sweep in progress, or the last one: resolves with how many items it deleted. */
  settled(): Promise<number> {
    return this.running;
  }

  /** Deletes every expired item now; resolves with how many. */
  async sweep(): Promise<number> {
    const now = this.clock.now() / 1000;
    let deleted = 0;
    for (const [table, attribute] of this.settings.enabled()) {
      try {
        deleted += await this.sweepTable(table, attribute, now);
      } catch (error) {
        // A table deleted meanwhile has nothing left to expire.
        if (!(error instanceof DynamoDbError && error.code === 'ResourceNotFoundException')) throw error;
      }
    }
    return deleted;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    this.cancel = undefined;
    await this.running;
  }

  private async sweepTable(table: string, attribute: string, now: number): Promise<number> {
    const { Table } = await this.dynalite.call<{ Table: { KeySchema: Array<{ AttributeName: string }> } }>(
      'DescribeTable',
      { TableName: table },
    );
    const keyNames = Table.KeySchema.map((k) => k.AttributeName);
    let deleted = 0;
    let start: Item | undefined;
    do {
      // A Number compared with a Number only: items whose attribute is of another type never match.
      const page = await this.dynalite.call<{ Items: Item[]; LastEvaluatedKey?: Item }>('Scan', {
        TableName: table,
        FilterExpression: '#ttl < :now AND #ttl >= :oldest',
        ExpressionAttributeNames: { '#ttl': attribute },
        ExpressionAttributeValues: {
          ':now': { N: String(now) },
          ':oldest': { N: String(now - OLDEST_EXPIRY_SECONDS) },
        },
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      for (const item of page.Items) {
        if (await this.expire(table, attribute, item, keyNames)) deleted += 1;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return deleted;
  }

  /** Deletes the item unless it changed its expiry since the scan saw it. */
  private async expire(table: string, attribute: string, item: Item, keyNames: string[]): Promise<boolean> {
    try {
      await this.dynalite.call('DeleteItem', {
        TableName: table,
        Key: Object.fromEntries(keyNames.map((name) => [name, item[name]])),
        ConditionExpression: '#ttl = :seen',
        ExpressionAttributeNames: { '#ttl': attribute },
        ExpressionAttributeValues: { ':seen': item[attribute] },
      });
      return true;
    } catch (error) {
      if (error instanceof DynamoDbError && error.code === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
