import { AwsError, missing } from '../http/aws-error';

/** Request checks with Step Functions' error names and wording. */

export type Input = Record<string, unknown>;

export function requiredString(input: Input, member: string): string {
  const value = input[member];
  if (value === undefined || value === null) throw missing(member);
  if (typeof value !== 'string')
    throw new AwsError('ValidationException', `Value at '${member}' must be a string`);
  return value;
}

export function optionalString(input: Input, member: string): string | undefined {
  return input[member] === undefined || input[member] === null ? undefined : requiredString(input, member);
}

export function optionalInteger(input: Input, member: string, min: number, max: number): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
    );
  }
  return value;
}

export function optionalBoolean(input: Input, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean')
    throw new AwsError('ValidationException', `Value at '${member}' must be a boolean`);
  return value;
}

export function oneOf<T extends string>(
  value: string | undefined,
  member: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
    );
  }
  return value as T;
}

/** Names of state machines and executions: 1–80 characters, none of the ones AWS forbids. */
export function checkName(name: string, what: string): void {
  // eslint-disable-next-line no-control-regex
  const forbidden = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;
  if (name.length < 1 || name.length > 80 || forbidden.test(name)) {
    throw new AwsError('InvalidName', `Invalid Name: '${name}' is not a valid ${what} name`);
  }
}

export function checkRoleArn(arn: string): void {
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/.test(arn)) {
    throw new AwsError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  }
}

/** JSON text within Step Functions' 256 KiB payload limit. */
export function checkJson(
  text: string,
  code: 'InvalidExecutionInput' | 'InvalidOutput',
  what: string,
): unknown {
  const bytes = Buffer.byteLength(text);
  if (bytes > 256 * 1024) {
    throw new AwsError(code, `Invalid ${what}: ${bytes} bytes exceeds the maximum of 262144 bytes`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AwsError(code, `Invalid ${what}: ${(error as Error).message}`);
  }
}

/** Pagination tokens are opaque to callers; here they carry a position. */
export function encodeToken(position: number | string): string {
  return Buffer.from(JSON.stringify({ p: position })).toString('base64url');
}

export function decodeToken(token: string | undefined): number | string | undefined {
  if (token === undefined) return undefined;
  try {
    const { p } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { p: unknown };
    if (typeof p === 'number' || typeof p === 'string') return p;
  } catch {
    // fall through
  }
  throw new AwsError('InvalidToken', `Invalid Token: '${token}'`);
}
