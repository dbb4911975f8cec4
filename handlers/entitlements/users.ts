/**
 * Finding the buyer's account by e-mail, or creating a pending one (status `invited`). Several
 * executions may race for the same address: one conditional put wins, every other reads what it
 * wrote. The account remembers the execution that created it, so that only that execution (and
 * its retried steps) invites, however often the event is delivered.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { USERS_KEY } from './tables';

/** How long a set-password link works. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export interface User {
  email: string;
  userId: string;
  status: 'invited' | 'active';
  createdAt: string;
  /** The execution that created a pending account for a purchase. */
  invitedBy?: string;
}

export interface UserStore {
  /** Puts the user unless the e-mail has an account; false when it has. */
  create(user: User): Promise<boolean>;
  get(email: string): Promise<User | undefined>;
}

export interface FindOrCreateInput {
  email: string;
  /** `$states.context.Execution.Id`. */
  executionId: string;
  /** When the step runs, ISO 8601. */
  at: string;
}

/** The account of `email`, and whether this execution created it (and so must invite). */
export async function findOrCreateUser(
  input: FindOrCreateInput,
  deps: { users: UserStore; newId: () => string },
): Promise<{ userId: string; email: string; invited: boolean }> {
  const email = input.email.toLowerCase();
  const fresh: User = {
    email,
    userId: deps.newId(),
    status: 'invited',
    createdAt: input.at,
    invitedBy: input.executionId,
  };
  const user = (await deps.users.create(fresh)) ? fresh : await deps.users.get(email);
  if (!user) throw new Error(`The account of ${email} vanished between two reads`);
  return {
    userId: user.userId,
    email,
    invited: user.status === 'invited' && user.invitedBy === input.executionId,
  };
}

/** The stored form of a set-password token: only its digest is kept. */
export const tokenDigest = (token: string) => createHash('sha256').update(token).digest('hex');

export function dynamoUserStore(documents: DynamoDBDocumentClient, tableName: string) {
  return {
    async create(user: User) {
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: user,
            ConditionExpression: `attribute_not_exists(${USERS_KEY})`,
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async get(email: string) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: { [USERS_KEY]: email }, ConsistentRead: true }),
      );
      return Item as User | undefined;
    },

    /**
     * A new set-password token for a pending account (replacing any earlier one); undefined once
     * the account is active or gone.
     */
    async issueInvitation(email: string, userId: string, now: number): Promise<string | undefined> {
      const token = randomBytes(32).toString('base64url');
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { [USERS_KEY]: email.toLowerCase() },
            UpdateExpression: 'SET invitationDigest = :digest, invitationExpiresAt = :expires',
            ConditionExpression: '#status = :invited AND userId = :userId',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':digest': tokenDigest(token),
              ':expires': new Date(now + INVITATION_TTL_MS).toISOString(),
              ':invited': 'invited',
              ':userId': userId,
            },
          }),
        );
        return token;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },
  } satisfies UserStore & Record<string, unknown>;
}
