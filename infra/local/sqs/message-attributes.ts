import { invalidParameter, sqsError } from './errors';
import type { MessageAttributes } from './records';

const MAX_ATTRIBUTES = 10;
const NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const TYPE = /^(String|Number|Binary)(\..+)?$/;
// The characters SQS accepts in bodies and string values (XML 1.0's Char production).
// eslint-disable-next-line no-control-regex
const INVALID_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Rejects a body with characters SQS refuses. */
export function checkCharacters(text: string): void {
  if (INVALID_CHARACTER.test(text)) {
    throw sqsError(
      'InvalidMessageContents',
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    );
  }
}

/**
 * Checks `MessageAttributes` the way SendMessage does and returns them in wire form (only the
 * members that carry a value), or undefined when there are none.
 */
export function checkMessageAttributes(input: unknown): MessageAttributes | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw invalidParameter('Value for parameter MessageAttributes is invalid.');
  }
  const entries = Object.entries(input as Record<string, unknown>);
  if (!entries.length) return undefined;
  if (entries.length > MAX_ATTRIBUTES) {
    throw invalidParameter(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  const out: MessageAttributes = {};
  for (const [name, raw] of entries) {
    checkName(name);
    const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const type = value.DataType;
    if (typeof type !== 'string' || !type) {
      throw invalidParameter(
        `The message attribute '${name}' must contain non-empty message attribute type.`,
      );
    }
    if (!TYPE.test(type) || type.length > 256) {
      throw invalidParameter(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    if (type.startsWith('Binary')) {
      const binary = value.BinaryValue;
      if (typeof binary !== 'string' || !binary) {
        throw invalidParameter(`The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
      }
      out[name] = { DataType: type, BinaryValue: binary };
      continue;
    }
    const text = value.StringValue;
    if (typeof text !== 'string' || !text) {
      throw invalidParameter(
        `The message attribute '${name}' with type '${type.split('.')[0]}' must use field 'String'.`,
      );
    }
    checkCharacters(text);
    if (type.startsWith('Number') && !isSqsNumber(text)) {
      throw invalidParameter(`Can't cast the value of message (user) attribute '${name}' to a number.`);
    }
    out[name] = { DataType: type, StringValue: text };
  }
  return out;
}

function checkName(name: string): void {
  if (/^(aws\.|amazon\.)/i.test(name)) {
    throw invalidParameter(
      `Message (user) attribute name '${name}' is reserved for use by Amazon Web Services.`,
    );
  }
  if (!NAME.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    throw invalidParameter(
      `Message (user) attribute name '${name}' can only contain alphanumeric characters, underscores (_), hyphens (-), and periods (.); it must not start or end with a period or have consecutive periods.`,
    );
  }
}

/** Up to 38 significant digits, between -10^128 and 10^126. */
function isSqsNumber(text: string): boolean {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return false;
  const digits = text
    .replace(/[eE].*$/, '')
    .replace(/[^0-9]/g, '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  const n = Number(text);
  return digits.length <= 38 && Number.isFinite(n) && n <= 1e126 && n >= -1e128;
}

/** What the attributes count towards the message size: names, types and values. */
export function attributesSize(attributes: MessageAttributes | undefined): number {
  let size = 0;
  for (const [name, value] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    size +=
      value.BinaryValue !== undefined
        ? Buffer.from(value.BinaryValue, 'base64').length
        : Buffer.byteLength(value.StringValue ?? '');
  }
  return size;
}
