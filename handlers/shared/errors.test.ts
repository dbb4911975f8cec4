import * as errors from './errors';

/** Every error class the module exports, with an instance of each. */
const abstract: unknown[] = [errors.RetryableError, errors.TerminalError];
const instances = (Object.values(errors) as unknown[])
  .filter((value) => typeof value === 'function' && !abstract.includes(value))
  .map((type) => new (type as new (message: string) => Error)('test'));

it('lists every retryable error by its name, and only those', () => {
  const retryable = instances.filter((e) => e instanceof errors.RetryableError).map((e) => e.name);
  expect(retryable.sort()).toEqual([...errors.RETRYABLE_ERRORS].sort());
});

it('lists every terminal error by its name, and only those', () => {
  const terminal = instances.filter((e) => e instanceof errors.TerminalError).map((e) => e.name);
  expect(terminal.sort()).toEqual([...errors.TERMINAL_ERRORS].sort());
});

it('names each error after its class, as Retry and Catch see it', () => {
  for (const error of instances) expect(error.name).toBe(error.constructor.name);
});

it('says whether to retry', () => {
  expect(new errors.ProviderUnavailableError('down').retryable).toBe(true);
  expect(new errors.PaymentMismatchError('amount').retryable).toBe(false);
});

it('keeps the cause', () => {
  const cause = new Error('ECONNRESET');
  expect(new errors.ProviderUnavailableError('PayPal is down', { cause }).cause).toBe(cause);
});
