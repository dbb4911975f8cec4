import { createHash, randomBytes } from 'node:crypto';

export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const HEX = '0123456789abcdef';
export const DIGITS = '0123456789';

/** `length` random characters of `alphabet` (at most 256 characters long). */
export function randomChars(alphabet: string, length: number): string {
  return charsOf(randomBytes(length), alphabet);
}

/**
 * `length` characters of `alphabet` that always come out the same for `seed`: a payer or a
 * product keeps its identifier from one simulated message to the next.
 */
export function stableChars(seed: string, alphabet: string, length: number): string {
  return charsOf(createHash('sha256').update(seed).digest(), alphabet).slice(0, length);
}

/** An identifier shaped like Gumroad's obfuscated ids, e.g. `FO8TXN-dvxYabdavG97Y-Q==`. */
export function obfuscatedId(bytes: Buffer): string {
  return bytes.subarray(0, 16).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function charsOf(bytes: Buffer, alphabet: string): string {
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}
