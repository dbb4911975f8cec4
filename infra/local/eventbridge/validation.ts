import { AwsError } from '../http/aws-error';

/**
 * Request members checked the way AWS's front end checks them: every broken constraint is
 * collected and reported in one ValidationException, `N validation error(s) detected: …`, naming
 * the member in camelCase (`targets.1.member.id`).
 */

export type Input = Record<string, unknown>;

export const NAME_PATTERN = '[\\.\\-_A-Za-z0-9]+';
export const BUS_NAME_PATTERN = '[/\\.\\-_A-Za-z0-9]+';
export const BUS_NAME_OR_ARN_PATTERN =
  '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+';

interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: string;
  values?: readonly string[];
}

export class Checks {
  private readonly errors: string[] = [];

  /** A string member; `member` is the wire name (`Name`), `path` the name AWS prints (`name`). */
  string(input: Input, member: string, rule: StringRule, path = camel(member)): string | undefined {
    const value = input[member];
    if (value === undefined || value === null) {
      if (rule.required)
        this.errors.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    if (typeof value !== 'string') throw serialization(member, 'String');
    const broken = (constraint: string) =>
      this.errors.push(
        `Value '${value}' at '${path}' failed to satisfy constraint: Member must ${constraint}`,
      );
    if (rule.pattern && !new RegExp(`^(?:${rule.pattern})$`).test(value)) {
      broken(`satisfy regular expression pattern: ${rule.pattern}`);
    }
    if (rule.min !== undefined && value.length < rule.min)
      broken(`have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max)
      broken(`have length less than or equal to ${rule.max}`);
    if (rule.values && !rule.values.includes(value)) {
      broken(`satisfy enum value set: [${rule.values.join(', ')}]`);
    }
    return value;
  }

  integer(
    input: Input,
    member: string,
    rule: { min?: number; max?: number },
    path = camel(member),
  ): number | undefined {
    const value = input[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw serialization(member, 'Integer');
    const broken = (constraint: string) =>
      this.errors.push(
        `Value '${value}' at '${path}' failed to satisfy constraint: Member must ${constraint}`,
      );
    if (rule.min !== undefined && value < rule.min) broken(`have value greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value > rule.max) broken(`have value less than or equal to ${rule.max}`);
    return value;
  }

  /** A list member: its length is checked, its items are returned for their own checks. */
  list(
    input: Input,
    member: string,
    rule: { required?: boolean; min?: number; max?: number },
    path = camel(member),
  ): unknown[] | undefined {
    const value = input[member];
    if (value === undefined || value === null) {
      if (rule.required)
        this.errors.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    if (!Array.isArray(value)) throw serialization(member, 'List');
    const shown = `[${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}]`;
    const broken = (constraint: string) =>
      this.errors.push(
        `Value '${shown}' at '${path}' failed to satisfy constraint: Member must ${constraint}`,
      );
    if (rule.min !== undefined && value.length < rule.min)
      broken(`have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max)
      broken(`have length less than or equal to ${rule.max}`);
    return value;
  }

  /** A structure member (an object), or undefined. */
  object(input: Input, member: string): Input | undefined {
    const value = input[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw serialization(member, 'Structure');
    return value as Input;
  }

  /** A timestamp member (epoch seconds on the wire) as epoch milliseconds. */
  timestamp(input: Input, member: string, required: boolean, path = camel(member)): number | undefined {
    const value = input[member];
    if (value === undefined || value === null) {
      if (required)
        this.errors.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    const seconds = typeof value === 'string' ? Number(value) : value;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw serialization(member, 'Timestamp');
    return Math.round(seconds * 1000);
  }

  /** A broken constraint described in full (`Value … at '…' failed to satisfy constraint: …`). */
  push(error: string): void {
    this.errors.push(error);
  }

  /** Throws the collected errors, if any. */
  done(): void {
    if (!this.errors.length) return;
    const count = this.errors.length;
    throw new AwsError(
      'ValidationException',
      `${count} validation error${count > 1 ? 's' : ''} detected: ${this.errors.join('; ')}`,
    );
  }
}

export const camel = (member: string) => member[0].toLowerCase() + member.slice(1);

function serialization(member: string, type: string): AwsError {
  return new AwsError('SerializationException', `Expected ${type} for member ${member}`);
}

/** Opaque pagination tokens: the offset of the next page. */
export function pageOf<T>(items: T[], input: Input, checks: Checks): { page: T[]; NextToken?: string } {
  const limit = checks.integer(input, 'Limit', { min: 1, max: 100 }) ?? 100;
  const token = checks.string(input, 'NextToken', { min: 1, max: 2048 });
  checks.done();
  let from = 0;
  if (token !== undefined) {
    from = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(from) || from < 0) throw new AwsError('ValidationException', 'Invalid NextToken');
  }
  const page = items.slice(from, from + limit);
  const next =
    from + limit < items.length ? Buffer.from(String(from + limit)).toString('base64url') : undefined;
  return next ? { page, NextToken: next } : { page };
}
