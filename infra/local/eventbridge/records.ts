/** What the local EventBridge keeps in its tables. Times are epoch milliseconds. */

export interface BusRecord {
  name: string;
  description?: string;
  createdAt: number;
  modifiedAt: number;
}

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/** A target as the API describes it (PutTargets' `Target`, the members the local runtime honours). */
export interface TargetRecord {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
}

export interface RuleRecord {
  name: string;
  bus: string;
  eventPattern: string;
  state: RuleState;
  description?: string;
  roleArn?: string;
  createdAt: number;
  targets: TargetRecord[];
}

export interface ArchiveRecord {
  name: string;
  /** The bus it archives. */
  bus: string;
  description?: string;
  eventPattern?: string;
  /** 0 keeps events forever. */
  retentionDays: number;
  createdAt: number;
}

export type ReplayState = 'STARTING' | 'RUNNING' | 'CANCELLING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

export interface ReplayRecord {
  name: string;
  description?: string;
  archive: string;
  destination: { Arn: string; FilterArns?: string[] };
  eventStartTime: number;
  eventEndTime: number;
  state: ReplayState;
  stateReason?: string;
  replayStartTime: number;
  replayEndTime?: number;
  eventLastReplayedTime?: number;
  /** The archive sequence number of the last event replayed. */
  cursor: number;
}

/**
 * One event on its way to one target: the outbox row. The input is rendered when the event is
 * accepted (`payload`), or the reason it cannot be (`failure`, delivered straight to the DLQ).
 */
export interface DeliveryRecord {
  id: string;
  /** The event as JSON text (what a dead-letter queue receives). */
  event: string;
  payload?: string;
  failure?: { code: string; message: string };
  ruleArn: string;
  targetArn: string;
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  deadLetterArn?: string;
  attempts: number;
  acceptedAt: number;
  due: number;
}
