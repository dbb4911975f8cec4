/** Step `FindOrCreateUser`: the buyer's account by e-mail, a pending one when there is none. */
import { randomUUID } from 'node:crypto';
import { documents } from '../shared/clients';
import { handlerOf } from '../shared/lambda';
import { resourceName } from '../shared/resources';
import { FindOrCreateUserInput, stepInput } from './steps';
import { USERS_TABLE } from './tables';
import { dynamoUserStore, findOrCreateUser } from './users';

const deps = { users: dynamoUserStore(documents, resourceName('table', USERS_TABLE)), newId: randomUUID };

export const handler = handlerOf((event: unknown) =>
  findOrCreateUser(stepInput(FindOrCreateUserInput, event), deps),
);
