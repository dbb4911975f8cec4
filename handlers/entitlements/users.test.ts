import { findOrCreateUser, type User, type UserStore } from './users';

function memoryUsers(initial: User[] = []): UserStore & { items: Map<string, User> } {
  const items = new Map(initial.map((u) => [u.email, u]));
  return {
    items,
    async create(user) {
      if (items.has(user.email)) return false;
      items.set(user.email, user);
      return true;
    },
    async get(email) {
      return items.get(email);
    },
  };
}

let ids = 0;
const deps = (users: UserStore) => ({ users, newId: () => `u${++ids}` });
const input = (executionId: string, email = 'Ada@Example.com') => ({
  email,
  executionId,
  at: '2026-01-01T00:00:00.000Z',
});

it('creates a pending account for a new address, lower-cased, and says to invite', async () => {
  const users = memoryUsers();
  const found = await findOrCreateUser(input('e1'), deps(users));
  expect(found).toEqual({ userId: expect.any(String), email: 'ada@example.com', invited: true });
  expect(users.items.get('ada@example.com')).toMatchObject({ status: 'invited', invitedBy: 'e1' });
});

it('finds an active account and does not invite', async () => {
  const users = memoryUsers([
    { email: 'ada@example.com', userId: 'u0', status: 'active', createdAt: '2025-01-01T00:00:00.000Z' },
  ]);
  await expect(findOrCreateUser(input('e1'), deps(users))).resolves.toEqual({
    userId: 'u0',
    email: 'ada@example.com',
    invited: false,
  });
});

it('invites from the creating execution only, however often another one runs', async () => {
  const users = memoryUsers();
  const first = await findOrCreateUser(input('e1'), deps(users));
  const other = await findOrCreateUser(input('e2'), deps(users));
  expect(other).toEqual({ ...first, invited: false });
});

it('still invites when the creating execution retries its step', async () => {
  const users = memoryUsers();
  const first = await findOrCreateUser(input('e1'), deps(users));
  await expect(findOrCreateUser(input('e1'), deps(users))).resolves.toEqual(first);
});
