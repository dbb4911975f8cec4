import { matches, retryDelayMs } from './errors';

describe('matches', () => {
  const failure = (error: string, heartbeat = false) => ({
    error,
    cause: '',
    ...(heartbeat ? { heartbeat } : {}),
  });

  it('matches a named error exactly', () => {
    expect(matches(['PaymentDeclinedError'], failure('PaymentDeclinedError'))).toBe(true);
    expect(matches(['PaymentDeclined'], failure('PaymentDeclinedError'))).toBe(false);
  });

  it('lets States.ALL match everything but States.Runtime and States.DataLimitExceeded', () => {
    expect(matches(['States.ALL'], failure('Lambda.Unknown'))).toBe(true);
    expect(matches(['States.ALL'], failure('States.Timeout'))).toBe(true);
    expect(matches(['States.ALL'], failure('States.Runtime'))).toBe(false);
    expect(matches(['States.ALL'], failure('States.DataLimitExceeded'))).toBe(false);
  });

  it('lets a named States.DataLimitExceeded match, but nothing matches States.Runtime', () => {
    expect(matches(['States.DataLimitExceeded'], failure('States.DataLimitExceeded'))).toBe(true);
    expect(matches(['States.Runtime'], failure('States.Runtime'))).toBe(false);
  });

  it('lets States.TaskFailed match any task error except timeouts', () => {
    expect(matches(['States.TaskFailed'], failure('ProviderUnavailableError'))).toBe(true);
    expect(matches(['States.TaskFailed'], failure('States.Timeout'))).toBe(false);
  });

  it('matches a heartbeat timeout as States.Timeout and States.HeartbeatTimeout, a plain timeout only as the first', () => {
    expect(matches(['States.Timeout'], failure('States.Timeout', true))).toBe(true);
    expect(matches(['States.HeartbeatTimeout'], failure('States.Timeout', true))).toBe(true);
    expect(matches(['States.HeartbeatTimeout'], failure('States.Timeout'))).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('defaults to 1 s doubling', () => {
    expect([0, 1, 2].map((n) => retryDelayMs({ ErrorEquals: ['X'] }, n))).toEqual([1000, 2000, 4000]);
  });

  it('grows by BackoffRate from IntervalSeconds and stops at MaxDelaySeconds', () => {
    const retrier = { ErrorEquals: ['X'], IntervalSeconds: 3, BackoffRate: 2.5, MaxDelaySeconds: 10 };
    expect([0, 1, 2].map((n) => retryDelayMs(retrier, n))).toEqual([3000, 7500, 10000]);
  });

  it('picks uniformly below the delay with FULL jitter', () => {
    const retrier = { ErrorEquals: ['X'], IntervalSeconds: 4, JitterStrategy: 'FULL' as const };
    expect(retryDelayMs(retrier, 1, () => 0.25)).toBe(2000);
    expect(retryDelayMs(retrier, 1, () => 0)).toBe(0);
  });
});
