import type { Clock } from '../clock';
import { LocalDatabase } from '../store/database';
import type { Dynalite } from './dynalite';
import { TimeToLiveSettings } from './time-to-live';
import { SWEEP_INTERVAL_MS, TimeToLiveSweeper } from './time-to-live-sweeper';

/** A clock that records the timers asked of it and never fires them. */
function recordingClock() {
  const timers: number[] = [];
  const clock: Clock = {
    now: () => 1_000,
    at: (at) => {
      timers.push(at);
      return () => {};
    },
  };
  return { clock, timers };
}

describe('TimeToLiveSweeper', () => {
  let db: LocalDatabase;
  beforeEach(() => {
    db = new LocalDatabase(null);
  });
  afterEach(() => db.close());

  it('sets no timer while no table has Time to Live enabled', () => {
    const { clock, timers } = recordingClock();
    new TimeToLiveSweeper({} as Dynalite, new TimeToLiveSettings(db), clock).arm();
    expect(timers).toEqual([]);
  });

  it('sets one timer, an interval ahead, once a table enables it', async () => {
    const { clock, timers } = recordingClock();
    const settings = new TimeToLiveSettings(db);
    const sweeper = new TimeToLiveSweeper({} as Dynalite, settings, clock);
    sweeper.arm();
    await settings.set('sessions', 'expiresAt');
    await settings.set('orders', 'ttl');
    expect(timers).toEqual([1_000 + SWEEP_INTERVAL_MS]);
  });
});
