/**
 * Seeds both APIs through the same HTTP calls: users through the test-control route /__parity__/users/ (what
 * `createsuperuser` or a Django shell would do; neither API has a sign-up route), then tokens from /api/token/ and
 * articles from /api/articles/, like any client.
 */
import { send } from './http';
import type { SideContext } from './engine';

export interface SeedUser {
  username: string;
  password: string;
  isStaff: boolean;
}

export const passwordOf = (username: string): string => `${username}-password`;
const user = (username: string, isStaff = false): SeedUser => ({ username, password: passwordOf(username), isStaff });

/** alice and grace are staff (grace gets demoted); walker owns the 150 rows the pagination walks go over; frank's rows feed filters and search. */
export const MAIN_USERS: SeedUser[] = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'walker'].map((name) => user(name, name === 'alice' || name === 'grace'));
export const TIGHT_USERS: SeedUser[] = [user('carol')];

const FRANK_ARTICLES = [
  { title: 'Alpha apple', body: 'An apple pie recipe, long enough to publish.', status: 'published' },
  { title: 'Bravo banana', body: 'Banana bread, long enough to be published.', status: 'published' },
  { title: 'Charlie cherry', body: 'short', status: 'draft' },
  { title: 'Delta 100% sure', body: 'A percent sign in the title, long enough.', status: 'published' },
  { title: 'Echo under_score', body: 'An underscore in the title, long enough.', status: 'published' },
];

async function call(ctx: SideContext, method: string, path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await send({
    method,
    url: `${ctx.baseUrl}${path}`,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) {
    throw new Error(`seeding ${ctx.name}: ${method} ${path} answered ${response.status} ${response.text.slice(0, 300)}`);
  }
  return response.json as Record<string, unknown>;
}

async function seedSide(ctx: SideContext, users: readonly SeedUser[], articles: boolean): Promise<void> {
  ctx.vars['garbage'] = 'not-a-jwt';
  for (const { username, password, isStaff } of users) {
    const created = await call(ctx, 'POST', '/__parity__/users/', { username, password, is_staff: isStaff });
    const tokens = await call(ctx, 'POST', '/api/token/', { username, password });
    ctx.vars[`${username}.id`] = created['id'];
    ctx.vars[`${username}.access`] = tokens['access'];
    ctx.vars[`${username}.refresh`] = tokens['refresh'];
    // Same header and payload, another signature.
    const access = String(tokens['access']);
    ctx.vars[`${username}.forged`] = `${access.slice(0, access.lastIndexOf('.') + 1)}${'A'.repeat(43)}`;
  }
  if (!articles) {
    return;
  }
  const walker = String(ctx.vars['walker.access']);
  for (let i = 1; i <= 150; i += 1) {
    const n = String(i).padStart(3, '0');
    await call(ctx, 'POST', '/api/articles/', { title: `Walk ${n}`, body: `Walking article number ${n}, long enough to publish.`, status: 'published' }, walker);
  }
  for (const article of FRANK_ARTICLES) {
    await call(ctx, 'POST', '/api/articles/', article, String(ctx.vars['frank.access']));
  }
}

/** Seeds both sides at once (each side's calls in order). */
export async function seed(sides: readonly SideContext[], users: readonly SeedUser[], articles: boolean): Promise<void> {
  await Promise.all(sides.map((ctx) => seedSide(ctx, users, articles)));
}
