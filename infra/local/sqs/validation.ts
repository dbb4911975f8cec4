import { invalidParameter, invalidValue, sqsError } from './errors';

/** Reading SQS request members, with SQS's error names and wording. */

export type Input = Record<string, unknown>;

export function requiredString(input: Input, member: string): string {
  const value = input[member];
  if (value === undefined || value === null || value === '') {
    throw sqsError('MissingParameter', `The request must contain the parameter ${member}.`);
  }
  if (typeof value !== 'string') throw invalidParameter(`Value for parameter ${member} is invalid.`);
  return value;
}

export function optionalString(input: Input, member: string): string | undefined {
  return input[member] === undefined || input[member] === null ? undefined : requiredString(input, member);
}

/** An integer member in [min, max]; `reason` is AWS's explanation of the range. */
export function optionalInteger(
  input: Input,
  member: string,
  min: number,
  max: number,
  reason: string,
): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidValue(member, value, reason);
  }
  return value;
}

export function stringList(input: Input, member: string): string[] {
  const value = input[member];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw invalidParameter(`Value for parameter ${member} is invalid.`);
  }
  return value as string[];
}

export function stringMap(input: Input, member: string): Record<string, string> {
  const value = input[member];
  if (value === undefined || value === null) return {};
  if (
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.values(value).some((v) => typeof v !== 'string')
  ) {
    throw invalidParameter(`Value for parameter ${member} is invalid.`);
  }
  return value as Record<string, string>;
}

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The `Entries` of a batch request: 1–10, valid and distinct ids. */
export function batchEntries(input: Input, what: string): Input[] {
  const entries = input.Entries;
  if (entries === undefined || entries === null || (Array.isArray(entries) && entries.length === 0)) {
    throw sqsError('EmptyBatchRequest', `There should be at least one ${what} in the request.`);
  }
  if (
    !Array.isArray(entries) ||
    entries.some((e) => typeof e !== 'object' || e === null || Array.isArray(e))
  ) {
    throw invalidParameter('Value for parameter Entries is invalid.');
  }
  if (entries.length > 10) {
    throw sqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const entry of entries as Input[]) {
    const id = entry.Id;
    if (typeof id !== 'string' || !ENTRY_ID.test(id)) {
      throw sqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (seen.has(id)) throw sqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
  return entries as Input[];
}
