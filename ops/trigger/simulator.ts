/** Calls to the local runtime's provider simulators, which answer JSON or `{ message }` on refusal. */

/** Where a call went wrong, said for the operator. */
export class TriggerError extends Error {
  override readonly name = 'TriggerError';
}

/** POSTs `payload` as JSON and returns the JSON answer; throws TriggerError with the simulator's message. */
export async function postJson<T>(url: string, payload: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
  } catch (error) {
    throw new TriggerError(
      `Cannot reach ${url} (${reason(error)}); is the local runtime running (npm start)?`,
    );
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // Not JSON: the text is the message.
    }
    throw new TriggerError(`${url} answered ${response.status}: ${message}`);
  }
  return JSON.parse(text) as T;
}

/** The cause of a failed fetch, e.g. `ECONNREFUSED`. */
export function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
