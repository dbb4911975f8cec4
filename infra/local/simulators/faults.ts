import { z } from 'zod';
import { parseInput } from './http';

/** What `POST /simulators/{provider}/faults` takes (and the in-process `faults(setting)`). */
export type FaultSetting =
  | { mode: 'up' }
  | {
      mode: 'down';
      /** Fail only the next N verification calls, then answer again; until `up` when absent. */
      failNext?: number;
      /** The status the failing calls get; 503 by default. */
      status?: number;
      /** Close the connection without an answer instead of answering `status`. */
      drop?: boolean;
    };

/** The provider's verification endpoint as it stands. */
export interface FaultState {
  mode: 'up' | 'down';
  /** While down: the calls still to fail before it answers again by itself; null until `up`. */
  remaining?: number | null;
  status?: number;
  drop?: boolean;
  /** Verification calls that got the fault since it was last set. */
  failed: number;
}

const SETTING = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('up') }),
  z.strictObject({
    mode: z.literal('down'),
    failNext: z.number().int().min(1).optional(),
    // 4xx too: a provider that refuses for a while (429) is as worth testing as one that is down.
    status: z.number().int().min(400).max(599).optional(),
    drop: z.boolean().optional(),
  }),
]);

/**
 * The fault switch of one provider's verification endpoint, set by tests and operators through
 * the local runtime (never by a switch in production code). It lives in memory: a restarted
 * runtime starts with its providers up.
 */
export class FaultSwitch {
  private setting: FaultSetting = { mode: 'up' };
  private remaining: number | null = null;
  private failed = 0;

  /** Validates and applies a setting (a 400 names what is wrong); answers the new state. */
  set(input: unknown): FaultState {
    const setting = parseInput<FaultSetting>(SETTING, input);
    this.setting = setting;
    this.remaining = setting.mode === 'down' ? (setting.failNext ?? null) : null;
    this.failed = 0;
    return this.state();
  }

  state(): FaultState {
    const setting = this.setting;
    if (setting.mode === 'up') return { mode: 'up', failed: this.failed };
    return {
      mode: 'down',
      remaining: this.remaining,
      status: setting.status ?? 503,
      drop: setting.drop ?? false,
      failed: this.failed,
    };
  }

  /** Called once per verification call: the fault this call gets, if the provider is down. */
  take(): { status: number; drop: boolean } | undefined {
    const setting = this.setting;
    if (setting.mode === 'up') return undefined;
    this.failed++;
    if (this.remaining !== null && --this.remaining === 0) this.setting = { mode: 'up' };
    return { status: setting.status ?? 503, drop: setting.drop ?? false };
  }
}
