import type { Json } from '../../../workflows/asl';
import { StatesError } from './asl/states-error';
import type { Failure } from './records';

/** Step Functions' payload limit: 256 KiB of UTF-8 for any input, output or result. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** A task result over the limit, as the failure AWS records, or undefined. */
export function payloadTooBig(value: Json): Failure | undefined {
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? 'null');
  if (bytes <= MAX_PAYLOAD_BYTES) return undefined;
  return {
    error: 'States.DataLimitExceeded',
    cause: `The state/task returned a result with a size exceeding the maximum number of bytes service limit (${bytes} > ${MAX_PAYLOAD_BYTES}).`,
  };
}

/** The value as JSON text, checked against the payload limit. */
export function checkSize(value: Json, what: string): string {
  const text = JSON.stringify(value) ?? 'null';
  // Byte length only matters near the limit: UTF-8 takes at most 3 bytes per UTF-16 unit.
  const bytes = text.length * 3 > MAX_PAYLOAD_BYTES ? Buffer.byteLength(text) : text.length;
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new StatesError(
      'States.DataLimitExceeded',
      `The size of ${what} (${bytes} bytes) exceeds the maximum of ${MAX_PAYLOAD_BYTES} bytes.`,
    );
  }
  return text;
}
