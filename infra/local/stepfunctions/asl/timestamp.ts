// An ISO-8601 extended offset date-time, as Java's ISO_OFFSET_DATE_TIME reads it (AWS's parser): seconds and
// up to nine fraction digits optional, an upper-case T, and a Z or a numeric offset.
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2})(?::(\d{2}))?)$/;

const NANOS_PER_SECOND = 1_000_000_000n;

/** Nanoseconds since the epoch, or undefined when `text` is not a valid timestamp. */
export function parseTimestamp(text: string): bigint | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((p) =>
    p === undefined ? undefined : Number(p),
  ) as number[];
  const offsetSign = m[8] === '-' ? -1 : 1;
  const [offsetHours, offsetMinutes, offsetSeconds] = [m[9], m[10], m[11]].map((p) => Number(p ?? 0));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 18 &&
    offsetMinutes <= 59 &&
    offsetSeconds <= 59;
  if (!valid) return undefined;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  const offset = offsetSign * (offsetHours * 3600 + offsetMinutes * 60 + offsetSeconds);
  const fraction = BigInt((m[7] ?? '').padEnd(9, '0'));
  return (BigInt(utc.getTime() / 1000) - BigInt(offset)) * NANOS_PER_SECOND + fraction;
}

/** Milliseconds since the epoch, or undefined when `text` is not a valid timestamp. */
export function timestampMillis(text: string): number | undefined {
  const nanos = parseTimestamp(text);
  return nanos === undefined ? undefined : Number(nanos / 1_000_000n);
}
