import { AwsError } from '../http/aws-error';

/** A parsed restJson1 request body. */
export type Input = Record<string, unknown>;

export const badRequest = (message: string) => new AwsError('BadRequestException', message);
export const notFound = (message: string) => new AwsError('NotFoundException', message, 404);
export const alreadyExists = (message: string) => new AwsError('AlreadyExistsException', message);

/** A required string member (`path` names it in the error). */
export function requiredString(input: Input, member: string, path = member): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') throw badRequest(`Missing required field ${path}`);
  return value;
}

export function optionalString(input: Input, member: string, path = member): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${path} must be a string`);
  return value;
}

export function optionalObject(input: Input, member: string, path = member): Input | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`${path} must be an object`);
  return value as Input;
}

export function stringList(input: Input | undefined, member: string, path = member): string[] {
  const value = input?.[member];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw badRequest(`${path} must be a list of strings`);
  }
  return value as string[];
}

/** A list of `{Name, Value}` (or `{Key, Value}`) pairs. */
export function pairs(
  input: Input | undefined,
  member: string,
  name: 'Name' | 'Key',
): Array<[string, string]> {
  const value = input?.[member];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`${member} must be a list`);
  return value.map((item: unknown, i) => {
    const pair = (item ?? {}) as Input;
    return [requiredString(pair, name, `${member}[${i}].${name}`), String(pair.Value ?? '')];
  });
}

/** PageSize: 1–`max`, default `max`. */
export function pageSize(value: unknown, max: number): number {
  if (value === undefined || value === null || value === '') return max;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > max)
    throw badRequest(`PageSize must be between 1 and ${max}`);
  return size;
}

/** Opaque next tokens: the last name of the page, base64url. */
export const encodeToken = (name: string) => Buffer.from(name).toString('base64url');

export function decodeToken(token: unknown): string {
  if (token === undefined || token === null || token === '') return '';
  if (typeof token !== 'string') throw badRequest('Invalid NextToken');
  const name = Buffer.from(token, 'base64url').toString();
  if (encodeToken(name) !== token) throw badRequest('Invalid NextToken');
  return name;
}
