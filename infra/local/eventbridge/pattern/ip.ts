import { InvalidEventPatternError } from './errors';

/**
 * IP addresses and CIDR blocks as Event Ruler (the library behind EventBridge patterns) reads
 * them: an address becomes its bytes as upper-case hex, so a block is a range of equal-length
 * strings. Only strings shaped like an IPv4 or IPv6 literal are considered, as Ruler does
 * (anything else would be a host name to it).
 */

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** An inclusive range of addresses of one family, as hex strings. */
export interface IpRange {
  bottom: string;
  top: string;
}

/** The address as hex (8 digits for IPv4, 32 for IPv6), or undefined if `text` is not an IP literal. */
export function ipHex(text: string): string | undefined {
  const bytes = ipBytes(text);
  return bytes && toHex(bytes);
}

/** Whether `text` is an address inside `range`. */
export function inRange(range: IpRange, text: string): boolean {
  const hex = ipHex(text);
  return hex !== undefined && hex.length === range.bottom.length && hex >= range.bottom && hex <= range.top;
}

/** Parses `a.b.c.d/n` or `v6::/n` with Ruler's checks and wording. */
export function parseCidr(cidr: string): IpRange {
  // Java's split drops trailing empty strings: "10.0.0.0/" has one part.
  const parts = cidr.split('/');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) fail("Malformed CIDR, one '/' required");
  if (!/^[+-]?[0-9]+$/.test(parts[1])) fail('Malformed CIDR, mask bits must be an integer');
  const maskBits = Number(parts[1]);
  if (maskBits < 0) fail('Malformed CIDR, mask bits must not be negative');
  const shaped = IPV4_SHAPE.test(parts[0]) || IPV6_SHAPE.test(parts[0]);
  const bytes = shaped ? ipBytes(parts[0]) : undefined;
  if (shaped && !bytes) fail(`Invalid IP address: ${parts[0]}`);
  if (!bytes) fail(`Nonstandard IP address: ${parts[0]}`);
  if (bytes.length === 4 && maskBits > 31) fail('IPv4 mask bits must be < 32');
  if (bytes.length === 16 && maskBits > 127) fail('IPv6 mask bits must be < 128');
  const variable = bytes.length * 8 - maskBits;
  const bottom = Uint8Array.from(bytes);
  const top = Uint8Array.from(bytes);
  for (let bit = 0; bit < variable; bit++) {
    const index = bytes.length - 1 - (bit >> 3);
    const mask = 1 << (bit & 7);
    bottom[index] &= ~mask;
    top[index] |= mask;
  }
  return { bottom: toHex(bottom), top: toHex(top) };
}

function ipBytes(text: string): Uint8Array | undefined {
  if (IPV4_SHAPE.test(text)) return ipv4(text);
  if (IPV6_SHAPE.test(text)) return ipv6(text);
  return undefined;
}

function ipv4(text: string): Uint8Array | undefined {
  const parts = text.split('.').map(Number);
  return parts.every((p) => p <= 255) ? Uint8Array.from(parts) : undefined;
}

function ipv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    const value = parseInt(g, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  // Java turns an IPv4-mapped address (::ffff:a.b.c.d) into the IPv4 address.
  const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}
