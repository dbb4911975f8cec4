import { join } from 'node:path';
import type { TableSpec } from '../../topology';
import type { Clock } from '../clock';
import type { JsonRpcService } from '../http/json-rpc';
import type { LocalDatabase } from '../store/database';
import type { Integration } from '../stepfunctions/integrations/integration';
import { Dynalite } from './dynalite';
import { DYNAMODB_ACTIONS, dynamoDbIntegration } from './integration';
import { dynamoDbService } from './service';
import { ensureTables } from './tables';
import { TimeToLiveSettings } from './time-to-live';
import { SWEEP_INTERVAL_MS, TimeToLiveSweeper } from './time-to-live-sweeper';

export interface LocalDynamoDbOptions {
  /** Items go to LevelDB in `<dataDir>/dynamodb`; in memory when null. */
  dataDir: string | null;
  /** Where the Time to Live settings are kept. */
  db: LocalDatabase;
  clock: Clock;
  /** The topology's tables, created at start unless they exist. */
  tables: TableSpec[];
  /** Default SWEEP_INTERVAL_MS. */
  sweepIntervalMs?: number;
}

/**
 * The local DynamoDB: dynalite in this process, reached through the local endpoint (`service`)
 * and from Step Functions (`integrations`), with the topology's tables and Time to Live expiry.
 */
export class LocalDynamoDb {
  /** The DynamoDB API, to register on the LocalEndpoint. */
  readonly service: JsonRpcService;
  /** Step Functions integrations by action (`putItem`, …), to register as `dynamodb:<action>`. */
  readonly integrations: Record<string, Integration>;

  private constructor(
    readonly dynalite: Dynalite,
    readonly timeToLive: TimeToLiveSettings,
    readonly sweeper: TimeToLiveSweeper,
  ) {
    this.service = dynamoDbService(dynalite, timeToLive);
    this.integrations = Object.fromEntries(
      Object.entries(DYNAMODB_ACTIONS).map(([action, operation]) => [
        action,
        dynamoDbIntegration(dynalite, operation),
      ]),
    );
  }

  static async start(options: LocalDynamoDbOptions): Promise<LocalDynamoDb> {
    const dynalite = await Dynalite.start(options.dataDir ? join(options.dataDir, 'dynamodb') : null);
    const timeToLive = new TimeToLiveSettings(options.db);
    try {
      await ensureTables(dynalite, options.tables);
      // The topology decides TTL of its tables, as a deployment would.
      for (const spec of options.tables) {
        const attribute = spec.timeToLiveAttribute ?? null;
        if ((timeToLive.attribute(spec.name) ?? null) !== attribute)
          await timeToLive.set(spec.name, attribute);
      }
    } catch (error) {
      await dynalite.close();
      throw error;
    }
    const sweeper = new TimeToLiveSweeper(
      dynalite,
      timeToLive,
      options.clock,
      options.sweepIntervalMs ?? SWEEP_INTERVAL_MS,
    );
    sweeper.arm();
    return new LocalDynamoDb(dynalite, timeToLive, sweeper);
  }

  async close(): Promise<void> {
    await this.sweeper.stop();
    await this.dynalite.close();
  }
}
