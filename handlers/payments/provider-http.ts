/** Calls to a payment provider's API, where only a definite answer is an answer. */
import { ProviderUnavailableError } from '../shared/errors';

/** Lambda's timeout is 10 s; a provider slower than this is treated as down, and retried. */
const TIMEOUT_MS = 5000;

/**
 * `fetch`, with an unreachable provider, a timeout, a 5xx or a 429 turned into
 * ProviderUnavailableError (the workflow retries it); any other answer is the caller's to read.
 */
export async function callProvider(what: string, url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new ProviderUnavailableError(
      `${what} could not be reached: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (response.status >= 500 || response.status === 429) {
    await response.body?.cancel();
    throw new ProviderUnavailableError(`${what} answered ${response.status}`);
  }
  return response;
}
