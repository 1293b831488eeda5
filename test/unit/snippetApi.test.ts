import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { sql, type SQL } from 'drizzle-orm';
import { materializeApi as materialize } from '../fixtures/snippet-api/compose';

/**
 * Runs the API composed from the DRF snippets (defaults accepted) in-process under supertest.
 *
 * What runs for real: Express 5, zod, jose, drizzle-orm on PGlite (real PostgreSQL in WASM, in memory, started by
 * buildApp and closed after each suite), @apollo/server + DataLoader, supertest.
 * Stand-ins, each offered by a snippet itself: MemoryCache (drf-cache-backend's LocMemCache) for throttles and
 * cache_page, MemoryTokenBlacklist (drf-jwt), eagerQueue (drf-task's CELERY_TASK_ALWAYS_EAGER). No Redis server
 * exists here, so RedisCache and the BullMQ queue/worker are only type-checked (snippets.test.ts).
 *
 * The composed TypeScript is transpiled to CommonJS in a temporary folder whose node_modules links to the repo's.
 */
interface Article {
  id: number;
  title: string;
  body: string;
  status: string;
  owner: { id: number; username: string };
}
interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}
interface BuiltApp {
  app: Express;
  db: { execute(query: SQL): Promise<unknown> };
  jwt: { refresh(token: string, checkUser: (userId: number) => Promise<void>): Promise<{ access: string; refresh?: string }> };
  tasks: { calls: { articleId: number }[] };
  createUser(username: string, password: string, isStaff?: boolean): Promise<{ id: number }>;
  close(): Promise<void>;
}
interface AppModule {
  buildApp(options?: { rates?: Record<string, string>; logger?: { logQuery(query: string, params: unknown[]): void } }): Promise<BuiltApp>;
}
interface AuthModule {
  checkPassword(raw: string, encoded: string): Promise<boolean>;
  makePassword(raw: string): Promise<string>;
  authenticate(db: BuiltApp['db'], username: string, password: string): Promise<{ id: number } | undefined>;
}
interface JwtSettings {
  algorithm: string;
}
interface JwtModule {
  jwtSettings(secret: string): JwtSettings;
  createJwt(settings: JwtSettings): { obtainPair(user: { id: number; isStaff: boolean }): Promise<{ access: string; refresh: string }> };
}
interface Parser {
  safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
}
interface FragmentsModule {
  titleField: Parser;
  periodSerializer: Parser;
}
interface AuthClientModule {
  authenticatedClient(app: Express, username: string, password: string): Promise<{ client: request.Agent; access: string; refresh: string }>;
}

const bearer = (token: string): string => `Bearer ${token}`;

describe('API composed from the DRF snippets', function () {
  this.timeout(60_000);
  let dir: string;
  let appModule: AppModule;
  let clientModule: AuthClientModule;
  let requireComposed: NodeJS.Require;
  /** One module of the composed API, by its file name without .ts. */
  const load = <T>(name: string): T => requireComposed(`./${name}.js`) as T;

  before(() => {
    dir = materialize();
    requireComposed = createRequire(path.join(dir, 'index.js'));
    appModule = load<AppModule>('app');
    clientModule = load<AuthClientModule>('auth-client');
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('with generous throttle rates', () => {
    let built: BuiltApp;
    let app: Express;
    let alice: string;
    let bob: string;
    let aliceRefresh: string;

    before(async () => {
      built = await appModule.buildApp({ rates: { anon: '1000/minute', user: '1000/minute', login: '1000/minute' } });
      app = built.app;
      await built.createUser('alice', 'alice-password');
      await built.createUser('bob', 'bob-password');
      const login = await clientModule.authenticatedClient(app, 'alice', 'alice-password');
      alice = login.access;
      aliceRefresh = login.refresh;
      bob = (await clientModule.authenticatedClient(app, 'bob', 'bob-password')).access;
    });

    after(async () => {
      await built.close();
    });

    it('answers 401 to anonymous writes and to bad tokens, and 401 to wrong passwords', async () => {
      const anonymous = await request(app).post('/api/articles/').send({ title: 'Nope' }).expect(401);
      assert.deepEqual(anonymous.body, { detail: 'Authentication credentials were not provided.' });
      await request(app).get('/api/articles/').set('Authorization', bearer('not-a-jwt')).expect(401);
      await request(app).post('/api/token/').send({ username: 'alice', password: 'wrong' }).expect(401);
      await request(app).get('/api/me/').expect(401);
    });

    it('answers 400 with DRF-shaped field errors on invalid input', async () => {
      const blank = await request(app).post('/api/articles/').set('Authorization', bearer(alice)).send({ title: '   ' }).expect(400);
      assert.deepEqual(Object.keys(blank.body as object), ['title']);
      const short = await request(app)
        .post('/api/articles/')
        .set('Authorization', bearer(alice))
        .send({ title: 'Published', status: 'published', body: 'too short' })
        .expect(400);
      assert.ok(Array.isArray((short.body as Record<string, unknown>)['body']), JSON.stringify(short.body));
      const malformed = await request(app).post('/api/articles/').set('Authorization', bearer(alice)).set('Content-Type', 'application/json').send('{"title":').expect(400);
      assert.equal((malformed.body as { detail: string }).detail, 'JSON parse error.');
    });

    it('creates, paginates, retrieves, updates, partially updates and destroys', async () => {
      const ids: number[] = [];
      for (const title of ['Alpha', 'Bravo', 'Charlie']) {
        const res = await request(app)
          .post('/api/articles/')
          .set('Authorization', bearer(alice))
          .send({ title, body: `${title} is a story long enough to be published.`, status: 'published', owner: 999, id: 12345 })
          .expect(201);
        const article = res.body as Article;
        assert.equal(article.title, title);
        assert.equal(article.owner.username, 'alice', 'read-only owner comes from request.user');
        assert.notEqual(article.id, 12345, 'read-only id is ignored');
        assert.match(res.headers['location'] ?? '', new RegExp(`/api/articles/${article.id}/$`));
        ids.push(article.id);
      }
      assert.deepEqual(
        built.tasks.calls.map((call) => call.articleId),
        ids,
        'post_save receivers enqueue after commit',
      );

      const first = (await request(app).get('/api/articles/?page_size=2').expect(200)).body as Page<Article>;
      assert.equal(first.count, 3);
      assert.equal(first.results.length, 2);
      assert.equal(first.previous, null);
      assert.match(first.next ?? '', /page=2/);
      assert.deepEqual(
        first.results.map((a) => a.title),
        ['Charlie', 'Bravo'],
        'default ordering is -id',
      );
      const second = (await request(app).get('/api/articles/?page_size=2&page=2').expect(200)).body as Page<Article>;
      assert.deepEqual(
        second.results.map((a) => a.title),
        ['Alpha'],
      );
      assert.equal(second.next, null);
      assert.ok(second.previous && !second.previous.includes('page='), 'previous of page 2 drops ?page like DRF');
      await request(app).get('/api/articles/?page=9').expect(404);

      const id = ids[0];
      const retrieved = (await request(app).get(`/api/articles/${id}/`).expect(200)).body as Article;
      assert.equal(retrieved.title, 'Alpha');

      const patched = (await request(app).patch(`/api/articles/${id}/`).set('Authorization', bearer(alice)).send({ title: 'Alpha 2' }).expect(200)).body as Article;
      assert.equal(patched.title, 'Alpha 2');
      assert.equal(patched.body, retrieved.body, 'PATCH leaves other fields alone');
      assert.equal(patched.status, 'published');

      const put = (await request(app).put(`/api/articles/${id}/`).set('Authorization', bearer(alice)).send({ title: 'Alpha 3' }).expect(200)).body as Article;
      assert.equal(put.status, 'published', 'PUT leaves omitted non-required fields unchanged, like DRF');
      assert.equal(put.body, retrieved.body);
      const noTitle = await request(app).put(`/api/articles/${id}/`).set('Authorization', bearer(alice)).send({ body: 'no title' }).expect(400);
      assert.deepEqual(noTitle.body, { title: ['This field is required.'] });
      const unchanged = (await request(app).patch(`/api/articles/${id}/`).set('Authorization', bearer(alice)).send({}).expect(200)).body as Article;
      assert.equal(unchanged.title, 'Alpha 3', 'PATCH {} answers the unchanged object');
      await request(app).patch(`/api/articles/${id}/`).set('Authorization', bearer(alice)).send({ status: 'draft' }).expect(200);

      await request(app).delete(`/api/articles/${ids[2]}/`).set('Authorization', bearer(alice)).expect(204);
      await request(app).get(`/api/articles/${ids[2]}/`).expect(404);
      await request(app).get('/api/articles/not-a-number/').expect(404);
    });

    it("answers 403 on someone else's object and hides their drafts from lists and lookups", async () => {
      const published = (await request(app).post('/api/articles/').set('Authorization', bearer(alice)).send({ title: 'Public', body: 'A published article body that is long enough.', status: 'published' }).expect(201)).body as Article;
      const draft = (await request(app).post('/api/articles/').set('Authorization', bearer(alice)).send({ title: 'Secret draft' }).expect(201)).body as Article;

      await request(app).get(`/api/articles/${published.id}/`).set('Authorization', bearer(bob)).expect(200);
      const denied = await request(app).patch(`/api/articles/${published.id}/`).set('Authorization', bearer(bob)).send({ title: 'Mine now' }).expect(403);
      assert.deepEqual(denied.body, { detail: 'You do not have permission to perform this action.' });
      await request(app).delete(`/api/articles/${published.id}/`).set('Authorization', bearer(bob)).expect(403);
      await request(app).post(`/api/articles/${published.id}/publish/`).set('Authorization', bearer(bob)).expect(403);

      await request(app).get(`/api/articles/${draft.id}/`).set('Authorization', bearer(bob)).expect(404);
      const bobList = (await request(app).get('/api/articles/?page_size=100').set('Authorization', bearer(bob)).expect(200)).body as Page<Article>;
      assert.ok(!bobList.results.some((a) => a.id === draft.id), "bob's list leaves out alice's draft");
      const aliceList = (await request(app).get('/api/articles/?page_size=100').set('Authorization', bearer(alice)).expect(200)).body as Page<Article>;
      assert.ok(aliceList.results.some((a) => a.id === draft.id), 'alice sees her own draft');

      const publishedNow = (await request(app).post(`/api/articles/${draft.id}/publish/`).set('Authorization', bearer(alice)).expect(200)).body as Article;
      assert.equal(publishedNow.status, 'published', '@action route');
    });

    it('filters, searches and orders from whitelisted query params only', async () => {
      const titles = async (query: string): Promise<string[]> =>
        ((await request(app).get(`/api/articles/?page_size=100&${query}`).set('Authorization', bearer(alice)).expect(200)).body as Page<Article>).results.map((a) => a.title);
      assert.deepEqual(await titles('search=bravo'), ['Bravo']);
      assert.deepEqual(await titles('status=draft'), ['Alpha 3']);
      assert.deepEqual(await titles('status=&ordering=title&search=a'), await titles('ordering=title&search=a'), 'django-filter ignores empty values');
      assert.deepEqual(await titles('ordering=title&status=published'), ['Bravo', 'Public', 'Secret draft']);
      assert.deepEqual(await titles('ordering=password,-title&status=published'), ['Secret draft', 'Public', 'Bravo'], 'unknown ordering fields are ignored');
      await request(app).get('/api/articles/?owner=abc').expect(400);
      assert.deepEqual((await request(app).get('/api/articles/?status=archived').expect(400)).body, {
        status: ['Select a valid choice. archived is not one of the available choices.'],
      });
      const choice = 'Select a valid choice. That choice is not one of the available choices.';
      assert.deepEqual((await request(app).get('/api/articles/?owner=99999999999').expect(400)).body, { owner: [choice] }, 'out of range');
      assert.deepEqual((await request(app).get('/api/articles/?owner=9999').expect(400)).body, { owner: [choice] }, 'no such user');
    });

    it('serves a cached second GET and invalidates it on writes', async () => {
      const url = '/api/articles/?search=cache-probe';
      // The Host is part of the cache key (build_absolute_uri); supertest's port changes with every request.
      const get = () => request(app).get(url).set('Host', 'testserver').set('Authorization', bearer(bob)).expect(200);
      const first = await get();
      assert.equal(first.headers['x-cache'], 'MISS');
      const second = await get();
      assert.equal(second.headers['x-cache'], 'HIT');
      assert.deepEqual(second.body, first.body);
      await request(app).post('/api/articles/').set('Authorization', bearer(bob)).send({ title: 'cache-probe' }).expect(201);
      const third = await get();
      assert.equal(third.headers['x-cache'], 'MISS');
      assert.equal((third.body as Page<Article>).count, 1);
    });

    it('rotates refresh tokens and blacklists the used one', async () => {
      const rotated = (await request(app).post('/api/token/refresh/').send({ refresh: aliceRefresh }).expect(200)).body as { access: string; refresh: string };
      assert.ok(rotated.access && rotated.refresh);
      await request(app).post('/api/token/refresh/').send({ refresh: aliceRefresh }).expect(401);
      await request(app).get('/api/me/').set('Authorization', bearer(rotated.access)).expect(200);
      await request(app).post('/api/token/refresh/').send({ refresh: rotated.access }).expect(401);
    });

    it('serves nested comments through the generic views with object permissions', async () => {
      const article = ((await request(app).get('/api/articles/?search=Public').expect(200)).body as Page<Article>).results[0];
      assert.ok(article);
      const comment = (await request(app).post(`/api/articles/${article.id}/comments/`).set('Authorization', bearer(bob)).send({ body: 'Nice' }).expect(201)).body as { id: number };
      const list = (await request(app).get(`/api/articles/${article.id}/comments/`).expect(200)).body as Page<{ body: string }>;
      assert.deepEqual(
        list.results.map((c) => c.body),
        ['Nice'],
      );
      await request(app).patch(`/api/comments/${comment.id}/`).set('Authorization', bearer(alice)).send({ body: 'Hijacked' }).expect(403);
      await request(app).patch(`/api/comments/${comment.id}/`).set('Authorization', bearer(bob)).send({ body: 'Nicer' }).expect(200);
      await request(app).get('/api/articles/99999/comments/').expect(404);
    });

    it('answers GraphQL with per-request DataLoaders', async () => {
      const res = await request(app)
        .post('/graphql')
        .send({ query: '{ articles(first: 5) { title owner { username } comments { body author { username } } } }' })
        .expect(200);
      const data = (res.body as { data: { articles: { title: string; owner: { username: string }; comments: { body: string }[] }[] } }).data;
      assert.ok(data.articles.length > 0);
      assert.ok(data.articles.every((a) => a.owner.username === 'alice' || a.owner.username === 'bob'));
      assert.ok(data.articles.some((a) => a.comments.some((c) => c.body === 'Nicer')));
    });

    it('versions by URL and by Accept header, negotiates JSON or CSV, documents itself, and 404s unknown routes', async () => {
      assert.deepEqual((await request(app).get('/versioned/v2/ping').expect(200)).body, { version: 'v2' });
      await request(app).get('/versioned/v9/ping').expect(404);
      assert.deepEqual((await request(app).get('/api/versions').set('Accept', 'application/json; version=2.0').expect(200)).body, { version: '2.0' });
      await request(app).get('/api/versions').set('Accept', 'application/json; version=9.9').expect(406);
      const csv = await request(app).get('/api/feed').set('Accept', 'text/csv').expect(200);
      assert.match(csv.headers['content-type'] ?? '', /text\/csv/);
      assert.match(csv.text, /^id,title\n/);
      const feed = (await request(app).get('/api/feed?format=json').expect(200)).body as { comments: unknown[] }[];
      assert.ok(feed.some((row) => row.comments.length > 0), 'prefetch_related attaches comments');
      const schema = (await request(app).get('/api/schema/').expect(200)).body as { openapi: string; paths: Record<string, unknown> };
      assert.equal(schema.openapi, '3.1.0');
      assert.ok(schema.paths['/api/articles/{id}/']);
      const root = (await request(app).get('/api/').expect(200)).body as Record<string, string>;
      assert.match(root['articles'] ?? '', /\/api\/articles\/$/);
      assert.deepEqual((await request(app).get('/nowhere').expect(404)).body, { detail: 'Not found.' });
    });
  });

  describe('parity details with DRF, simplejwt and django-filter', () => {
    let built: BuiltApp;
    let app: Express;
    const log: string[] = [];
    const users: Record<string, { id: number; access: string; refresh: string }> = {};
    const post = (token: string, body: object) => request(app).post('/api/articles/').set('Authorization', bearer(token)).send(body);
    /** The SQL statements run while `work` runs, read from drizzle's query log. */
    const queriesDuring = async (work: () => Promise<unknown>): Promise<string[]> => {
      const start = log.length;
      await work();
      return log.slice(start);
    };
    const tablesRead = (queries: string[]): Record<string, number> => {
      const counts: Record<string, number> = {};
      for (const query of queries) {
        const table = /^select .*? from "(\w+)"/i.exec(query)?.[1] ?? query.slice(0, 20);
        counts[table] = (counts[table] ?? 0) + 1;
      }
      return counts;
    };
    const setUser = (username: string, column: 'is_active' | 'is_staff', value: boolean) =>
      built.db.execute(sql`update users set ${sql.raw(column)} = ${value} where username = ${username}`);

    before(async () => {
      built = await appModule.buildApp({ rates: { anon: '1000/minute', user: '1000/minute', login: '1000/minute' }, logger: { logQuery: (query) => void log.push(query) } });
      app = built.app;
      for (const [name, staff] of [['alice', true], ['bob', false], ['dave', false], ['erin', true], ['frank', false]] as const) {
        const { id } = await built.createUser(name, `${name}-password`, staff);
        users[name] = { id, ...(await clientModule.authenticatedClient(app, name, `${name}-password`)) };
      }
    });

    after(async () => {
      await built.close();
    });

    const token = (name: string): string => users[name]?.access ?? '';

    describe('drf-auth-backend', () => {
      // Made by Django's ScryptPasswordHasher.encode (hashlib.scrypt, n=2**14, r=8, p=1, dklen=64) in /usr/bin/python3.
      const djangoHash = 'scrypt$16384$Qx7mZ2pL9vK4nR8tY3wB1c$8$1$DiAvlc9bxO8CuRvHzhg8wn5ekUrOMwYPTeM3axn9BluTYJ0IynVyGmVcsBxyp7zDgdOilvYO+A/BolKNvbe0rg==';

      it("checks Django's scrypt format and rejects every malformed hash", async () => {
        const { checkPassword, makePassword } = load<AuthModule>('auth.backend');
        assert.equal(await checkPassword('correct horse battery', djangoHash), true);
        for (const wrong of ['correct horse batter', 'x', '']) {
          assert.equal(await checkPassword(wrong, djangoHash), false, wrong);
        }
        const [, n, salt, r, p, hash] = djangoHash.split('$');
        const malformed = [
          '',
          'scrypt',
          'scrypt$$',
          'scrypt$salt$',
          'scrypt$salt$zz',
          `scrypt$${salt}$`,
          `scrypt$${n}$${salt}$${r}$${p}$`,
          `scrypt$${n}$${salt}$${r}$${p}$zz`,
          `scrypt$${n}$${salt}$${r}$${p}$${hash?.slice(0, 44)}`,
          `scrypt$abc$${salt}$${r}$${p}$${hash}`,
          `scrypt$0$${salt}$${r}$${p}$${hash}`,
          `scrypt$${n}$${salt}$${r}$${p}$${hash}$extra`,
          `pbkdf2_sha256$260000$${salt}$${hash}`,
          '!unusable',
        ];
        for (const encoded of malformed) {
          assert.equal(await checkPassword('anything', encoded), false, encoded);
          assert.equal(await checkPassword('', encoded), false, encoded);
        }
        const made = await makePassword('s3cret');
        assert.match(made, /^scrypt\$16384\$[A-Za-z0-9]{22}\$8\$1\$[A-Za-z0-9+/]{86}==$/);
        assert.equal(await checkPassword('s3cret', made), true);
        assert.equal(await checkPassword('s3cret!', made), false);
      });

      it('spends the same hashing work on unknown usernames as on known ones (no enumeration by timing)', async () => {
        const { authenticate } = load<AuthModule>('auth.backend');
        const median = async (username: string): Promise<number> => {
          const times: number[] = [];
          for (let i = 0; i < 5; i += 1) {
            const start = process.hrtime.bigint();
            assert.equal(await authenticate(built.db, username, 'wrong-password'), undefined);
            times.push(Number(process.hrtime.bigint() - start));
          }
          return times.sort((a, b) => a - b)[2] ?? 0;
        };
        const known = await median('bob');
        const unknown = await median('nobody-by-that-name');
        assert.ok(unknown > known / 3, `unknown ${unknown / 1e6} ms vs known ${known / 1e6} ms`);
      });
    });

    describe('drf-jwt and drf-jwt-authentication', () => {
      it('answers 401 with WWW-Authenticate: Bearer realm="api", like JWTAuthentication', async () => {
        for (const res of [await request(app).get('/api/me/'), await request(app).get('/api/me/').set('Authorization', bearer('not-a-jwt'))]) {
          assert.equal(res.status, 401);
          assert.equal(res.headers['www-authenticate'], 'Bearer realm="api"');
        }
      });

      it('leaves the token views unauthenticated, like simplejwt: a stale Bearer header does not block a refresh', async () => {
        const { refresh } = await clientModule.authenticatedClient(app, 'bob', 'bob-password');
        await request(app).post('/api/token/refresh/').set('Authorization', bearer('expired-or-garbage')).send({ refresh }).expect(200);
        await request(app).post('/api/token/').set('Authorization', bearer('expired-or-garbage')).send({ username: 'bob', password: 'bob-password' }).expect(200);
        await request(app).get('/api/articles/').set('Authorization', bearer('expired-or-garbage')).expect(401);
      });

      it('pins the algorithm: a token signed with HS512 (same key), with alg none or with another key is 401', async () => {
        const { createJwt, jwtSettings } = load<JwtModule>('jwt');
        const bob = { id: users['bob']?.id ?? 0, isStaff: false };
        const secret = 'snippet-api-test-secret-0123456789abcdef';
        await request(app).get('/api/me/').set('Authorization', bearer((await createJwt(jwtSettings(secret)).obtainPair(bob)).access)).expect(200);
        const hs512 = (await createJwt({ ...jwtSettings(secret), algorithm: 'HS512' }).obtainPair(bob)).access;
        const otherKey = (await createJwt(jwtSettings('another-secret-0123456789abcdef0123')).obtainPair(bob)).access;
        const [, payload] = token('bob').split('.');
        const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
        for (const forged of [hs512, otherKey, none]) {
          await request(app).get('/api/me/').set('Authorization', bearer(forged)).expect(401);
        }
      });

      it('looks the user up on every request: a deactivated or deleted user loses access and cannot refresh', async () => {
        await request(app).get('/api/me/').set('Authorization', bearer(token('dave'))).expect(200);
        await setUser('dave', 'is_active', false);
        const me = await request(app).get('/api/me/').set('Authorization', bearer(token('dave'))).expect(401);
        assert.deepEqual(me.body, { detail: 'User is inactive', code: 'user_inactive' });
        const refreshed = await request(app).post('/api/token/refresh/').send({ refresh: users['dave']?.refresh }).expect(401);
        assert.deepEqual(refreshed.body, { detail: 'No active account found for the given token.' }, "rest_framework's AuthenticationFailed: no code in the body");
        await request(app).post('/api/token/').send({ username: 'dave', password: 'dave-password' }).expect(401);

        await built.db.execute(sql`delete from users where username = 'frank'`);
        const gone = await request(app).get('/api/me/').set('Authorization', bearer(token('frank'))).expect(401);
        assert.deepEqual(gone.body, { detail: 'User not found', code: 'user_not_found' });
      });

      it('takes staff rights from the user row, never from an old token, also after rotation', async () => {
        const draft = (await post(token('bob'), { title: 'Bob draft' }).expect(201)).body as Article;
        await request(app).get(`/api/articles/${draft.id}/`).set('Authorization', bearer(token('erin'))).expect(200);
        await setUser('erin', 'is_staff', false);
        await request(app).get(`/api/articles/${draft.id}/`).set('Authorization', bearer(token('erin'))).expect(404);
        const rotated = (await request(app).post('/api/token/refresh/').send({ refresh: users['erin']?.refresh }).expect(200)).body as { access: string; refresh: string };
        await request(app).get(`/api/articles/${draft.id}/`).set('Authorization', bearer(rotated.access)).expect(404);
        for (const jwt of [rotated.access, rotated.refresh]) {
          const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
          assert.equal(claims['user_id'], users['erin']?.id);
          assert.notEqual(claims['is_staff'], true, 'no stale staff claim');
        }
      });

      it('lets exactly one of three concurrent refreshes with one refresh token win', async () => {
        const { refresh } = await clientModule.authenticatedClient(app, 'bob', 'bob-password');
        const results = await Promise.all([1, 2, 3].map(() => request(app).post('/api/token/refresh/').send({ refresh })));
        assert.deepEqual(results.map((res) => res.status).sort(), [200, 401, 401]);
        assert.ok(results.some((res) => (res.body as { detail?: string }).detail === 'Token is blacklisted'));
        // The same race without HTTP in between: the user check waits like a database query, so all three pass the
        // blacklist lookup before any of them writes, and only an atomic check-and-set lets exactly one through.
        const second = await clientModule.authenticatedClient(app, 'bob', 'bob-password');
        const slowCheck = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));
        const settled = await Promise.allSettled([1, 2, 3].map(() => built.jwt.refresh(second.refresh, slowCheck)));
        assert.deepEqual(settled.map((result) => result.status).sort(), ['fulfilled', 'rejected', 'rejected']);
      });
    });

    describe('serializers', () => {
      it("answers DRF's messages for missing, null, blank, too long, bad choice and bad integer input", async () => {
        assert.deepEqual((await post(token('bob'), {}).expect(400)).body, { title: ['This field is required.'] });
        assert.deepEqual((await post(token('bob'), { title: null }).expect(400)).body, { title: ['This field may not be null.'] });
        assert.deepEqual((await post(token('bob'), { title: '  ' }).expect(400)).body, { title: ['This field may not be blank.'] });
        assert.equal(((await post(token('bob'), { title: 12345, body: 42 }).expect(201)).body as Article).title, '12345', 'CharField takes a number as its text');
        assert.deepEqual((await post(token('bob'), { title: true }).expect(400)).body, { title: ['Not a valid string.'] });
        assert.deepEqual((await post(token('bob'), { title: 'x'.repeat(201) }).expect(400)).body, { title: ['Ensure this field has no more than 200 characters.'] });
        assert.deepEqual((await post(token('bob'), { title: 'Ok', status: 'archived' }).expect(400)).body, { status: ['"archived" is not a valid choice.'] });
        assert.deepEqual((await post(token('bob'), { title: 'Ok', status: ['draft'] }).expect(400)).body, { status: ['"[\'draft\']" is not a valid choice.'] }, "Python's str() of a list");
        const { drfMessage } = load<{ drfMessage(issue: object): string | undefined }>('exception-handler');
        assert.equal(drfMessage({ code: 'invalid_type', expected: 'int', input: 'abc', path: [] }), 'A valid integer is required.');
      });

      it('runs validate() only once every field is valid, and sees the instance under partial=True', async () => {
        const both = await post(token('bob'), { title: '', status: 'published', body: 'short' }).expect(400);
        assert.deepEqual(both.body, { title: ['This field may not be blank.'] }, 'field errors stop before validate()');
        const rule = { body: ['A published article needs a body of at least 20 characters.'] };
        assert.deepEqual((await post(token('bob'), { title: 'Short', status: 'published', body: 'short' }).expect(400)).body, rule);
        const draft = (await post(token('bob'), { title: 'Short body', body: 'short' }).expect(201)).body as Article;
        const patch = await request(app).patch(`/api/articles/${draft.id}/`).set('Authorization', bearer(token('bob'))).send({ status: 'published' }).expect(400);
        assert.deepEqual(patch.body, rule, "validate() reads the instance's body for fields not sent");
      });

      it('runs the field, object and register serializers', () => {
        const { titleField, periodSerializer } = load<FragmentsModule>('fragments');
        assert.equal(titleField.safeParse('Calm title').success, true);
        assert.equal(titleField.safeParse('SHOUTED').error?.issues[0]?.message, 'Must not be shouted.');
        assert.equal(periodSerializer.safeParse({ start: '2024-01-02', end: '2024-01-03' }).success, true);
        assert.deepEqual(periodSerializer.safeParse({ start: '2024-01-02', end: '2024-01-01' }).error?.issues.map((i) => [i.path, i.message]), [[['end'], 'end must be after start.']]);
        const { registerSerializer } = load<{ registerSerializer: FragmentsModule['titleField'] }>('register.serializer');
        const valid = { username: 'new.user', email: 'new@example.com', password: 'long-enough', passwordConfirm: 'long-enough' };
        assert.equal(registerSerializer.safeParse(valid).success, true);
        const mismatch = registerSerializer.safeParse({ ...valid, passwordConfirm: 'different!' }).error?.issues;
        assert.deepEqual(mismatch?.map((i) => [i.path, i.message]), [[['passwordConfirm'], "The two password fields didn't match."]]);
        const bad = registerSerializer.safeParse({ ...valid, username: 'no spaces', password: 'short', passwordConfirm: 'nope' }).error?.issues;
        assert.deepEqual(bad?.map((i) => i.path[0]), ['username', 'password'], 'validate() waits for valid fields');
      });
    });

    describe('views', () => {
      it('answers 405 with Allow for methods a view lacks, and sends Allow on every response', async () => {
        const cases: [string, string, string, string][] = [
          ['delete', '/api/articles/', 'DELETE', 'GET, POST, HEAD, OPTIONS'],
          ['post', '/api/articles/1/', 'POST', 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS'],
          ['put', '/api/me/', 'PUT', 'GET, HEAD, OPTIONS'],
          ['get', '/api/token/', 'GET', 'POST, OPTIONS'],
          ['delete', '/api/articles/1/comments/', 'DELETE', 'GET, POST, HEAD, OPTIONS'],
          ['post', '/api/comments/1/', 'POST', 'GET, PUT, PATCH, DELETE, HEAD, OPTIONS'],
          ['get', '/api/articles/1/publish/', 'GET', 'POST, OPTIONS'],
        ];
        for (const [method, url, upper, allow] of cases) {
          const res = await request(app)[method as 'get'](url).set('Authorization', bearer(token('bob')));
          assert.equal(res.status, 405, `${upper} ${url}`);
          assert.deepEqual(res.body, { detail: `Method "${upper}" not allowed.` });
          assert.equal(res.headers['allow'], allow, `${upper} ${url}`);
        }
        assert.equal((await request(app).get('/api/articles/').expect(200)).headers['allow'], 'GET, POST, HEAD, OPTIONS');
        assert.equal((await request(app).post('/api/articles/').send({}).expect(401)).headers['allow'], 'GET, POST, HEAD, OPTIONS', 'also on errors');
        assert.equal((await request(app).options('/api/me/').expect(401)).headers['allow'], 'GET, HEAD, OPTIONS', 'OPTIONS after the permission check');
        await request(app).delete('/api/articles/1/publish/').expect(401);
      });

      it('answers 404 for ids, pages and cursors out of range, never a 500', async () => {
        for (const url of ['/api/articles/99999999999/', '/api/articles/0/', '/api/comments/99999999999/', '/api/articles/99999999999/comments/', '/api/articles/1e3/']) {
          assert.deepEqual((await request(app).get(url).expect(404)).body, { detail: 'Not found.' }, url);
        }
        for (const page of ['99999999999999999999', 'abc', '0', '-1', '9999']) {
          assert.deepEqual((await request(app).get(`/api/articles/?page=${page}`).expect(404)).body, { detail: 'Invalid page.' }, page);
        }
      });

      it('negotiates before permissions, parses JSON only, and pages to ?page=last', async () => {
        const notAcceptable = { detail: 'Could not satisfy the request Accept header.' };
        assert.deepEqual((await request(app).get('/api/articles/').set('Accept', 'text/html').expect(406)).body, notAcceptable);
        assert.deepEqual((await request(app).get('/api/me/').set('Accept', 'application/xml').expect(406)).body, notAcceptable, '406 before the 401');
        await request(app).post('/api/token/').set('Accept', 'text/csv').send({ username: 'bob', password: 'bob-password' }).expect(406);
        await request(app).get('/api/articles/').set('Accept', 'application/*').expect(200);
        await request(app).get('/api/feed?format=csv').set('Accept', 'application/json').expect(406);
        assert.match((await request(app).get('/api/feed').expect(200)).headers['vary'] ?? '', /Accept/);
        assert.match((await request(app).get('/api/versions').set('Accept', 'application/json; version=9.9').expect(406)).headers['vary'] ?? '', /Accept/);

        const text = await post(token('bob'), {}).set('Content-Type', 'text/plain').send('title=x').expect(415);
        assert.deepEqual(text.body, { detail: 'Unsupported media type "text/plain" in request.' });
        const list = await request(app).post('/api/articles/').set('Authorization', bearer(token('bob'))).send([{ title: 'x' }]).expect(400);
        assert.deepEqual(list.body, { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });

        for (const title of ['lastpage 1', 'lastpage 2', 'lastpage 3']) {
          await post(token('bob'), { title }).expect(201);
        }
        const last = (await request(app).get('/api/articles/?search=lastpage&page_size=2&page=last').set('Authorization', bearer(token('bob'))).expect(200)).body as Page<Article>;
        assert.deepEqual([last.count, last.next, last.results.map((a) => a.title)], [3, null, ['lastpage 1']]);
      });

      it("names simplejwt's reason for a token of the wrong type", async () => {
        const asBearer = await request(app).get('/api/me/').set('Authorization', bearer(users['bob']?.refresh ?? '')).expect(401);
        assert.deepEqual(asBearer.body, {
          detail: 'Given token not valid for any token type',
          code: 'token_not_valid',
          messages: [{ token_class: 'AccessToken', token_type: 'access', message: 'Token has wrong type' }],
        });
        const asRefresh = await request(app).post('/api/token/refresh/').send({ refresh: token('bob') }).expect(401);
        assert.deepEqual(asRefresh.body, { detail: 'Token has wrong type', code: 'token_not_valid' });
      });

      it("hides a comment on someone else's draft at /api/comments/<id>/ too", async () => {
        const draft = (await post(token('alice'), { title: 'Alice draft' }).expect(201)).body as Article;
        const comment = (await request(app).post(`/api/articles/${draft.id}/comments/`).set('Authorization', bearer(token('alice'))).send({ body: 'note to self' }).expect(201)).body as { id: number };
        await request(app).get(`/api/comments/${comment.id}/`).set('Authorization', bearer(token('alice'))).expect(200);
        await request(app).get(`/api/comments/${comment.id}/`).set('Authorization', bearer(token('bob'))).expect(404);
        await request(app).get(`/api/comments/${comment.id}/`).expect(404);
        await request(app).patch(`/api/comments/${comment.id}/`).set('Authorization', bearer(token('bob'))).send({ body: 'x' }).expect(404);
      });
    });

    describe('filters and pagination', () => {
      it('searches % and _ literally (LIKE wildcards escaped)', async () => {
        for (const title of ['100% sure', '1000 sure', 'snake_case', 'snakeXcase']) {
          await post(token('bob'), { title }).expect(201);
        }
        const search = async (term: string): Promise<string[]> =>
          ((await request(app).get(`/api/articles/?search=${encodeURIComponent(term)}`).set('Authorization', bearer(token('bob'))).expect(200)).body as Page<Article>).results.map((a) => a.title);
        assert.deepEqual(await search('100%'), ['100% sure']);
        assert.deepEqual(await search('snake_case'), ['snake_case']);
      });

      it('walks limit/offset and cursor pages over the same rows as the page-number list', async () => {
        for (let i = 0; i < 25; i += 1) {
          await post(token(i % 2 ? 'alice' : 'bob'), { title: `Walk ${i}`, body: 'A published body, long enough to publish.', status: 'published' }).expect(201);
        }
        const expected = ((await request(app).get('/api/articles/?page_size=100').expect(200)).body as Page<Article>).results.map((a) => a.id);
        assert.ok(expected.length > 20, 'more than one cursor page');
        const walk = async (first: string, ids: number[] = []): Promise<number[]> => {
          const res = await request(app).get(first).expect(200);
          const page = res.body as { next: string | null; results: Article[] };
          ids.push(...page.results.map((a) => a.id));
          return page.next ? walk(new URL(page.next).pathname + new URL(page.next).search, ids) : ids;
        };
        assert.deepEqual(await walk('/api/articles-lo/?limit=2'), expected);
        const lo = (await request(app).get('/api/articles-lo/?limit=2&offset=2').expect(200)).body as Page<Article>;
        assert.equal(lo.count, expected.length);
        assert.match(lo.previous ?? '', /limit=2$/, 'previous of offset=limit drops offset, like DRF');
        const huge = (await request(app).get('/api/articles-lo/?limit=2&offset=99999999999999999999').expect(200)).body as Page<Article>;
        assert.deepEqual(huge.results, []);
        assert.match(huge.previous ?? '', /[?&]offset=99999999999999999997$/, 'the exact offset, as Python ints are unbounded');
        const cursor = await walk('/api/articles-cursor/');
        assert.deepEqual(cursor, expected, 'cursor pages of 20 in -id order');
        const firstPage = (await request(app).get('/api/articles-cursor/').expect(200)).body as { previous: string | null };
        assert.equal(firstPage.previous, null);
        for (const bad of ['garbage', Buffer.from(JSON.stringify({ position: 1e20, reverse: false })).toString('base64url')]) {
          assert.deepEqual((await request(app).get(`/api/articles-cursor/?cursor=${bad}`).expect(404)).body, { detail: 'Invalid cursor' });
        }
      });

      it('prefetches comments with one query for all parents (drf-prefetch-related)', async () => {
        const queries = await queriesDuring(() => request(app).get('/api/feed').expect(200));
        assert.deepEqual(tablesRead(queries), { articles: 1, comments: 1 });
      });
    });

    describe('GraphQL', () => {
      const graphql = (query: string) => request(app).post('/graphql').send({ query }).expect(200);
      type Result = { data?: { articles?: unknown[]; article?: unknown } | null; errors?: { message: string }[] };

      it('batches owners, authors and comments with DataLoaders and runs the list query once', async () => {
        for (const [owner, commenter] of [['alice', 'bob'], ['bob', 'erin'], ['alice', 'erin']]) {
          const article = (await post(token(owner ?? ''), { title: `By ${owner}`, body: 'A published body, long enough to publish.', status: 'published' }).expect(201)).body as Article;
          for (const text of ['first', 'second']) {
            await request(app).post(`/api/articles/${article.id}/comments/`).set('Authorization', bearer(token(commenter ?? ''))).send({ body: text }).expect(201);
          }
        }
        // Owners load in one batch; authors wait for the comments batch, and only erin is not cached by then: a second.
        const queries = await queriesDuring(() => graphql('{ articles(first: 10) { title owner { username } comments { body author { username } } } }'));
        assert.deepEqual(tablesRead(queries), { articles: 1, users: 2, comments: 1 }, queries.join('\n'));
      });

      it('refuses first below 0 or above the cap, and never leaks SQL in errors', async () => {
        const negative = (await graphql('{ articles(first: -1) { id } }')).body as Result;
        assert.equal(negative.data, null);
        assert.match(negative.errors?.[0]?.message ?? '', /first/);
        const over = (await graphql('{ articles(first: 101) { id } }')).body as Result;
        assert.match(over.errors?.[0]?.message ?? '', /limit of 100/);
        const zero = (await graphql('{ articles(first: 0) { id } }')).body as Result;
        assert.deepEqual(zero.data?.articles, []);
        for (const id of ['abc', '99999999999', '1 or 1=1']) {
          const res = (await graphql(`{ article(id: ${JSON.stringify(id)}) { id } }`)).body as Result;
          assert.deepEqual(res, { data: { article: null } }, 'an id no row can have finds nothing, like a missing one');
          assert.ok(!JSON.stringify(res).match(/select|from |where|syntax|integer/i), JSON.stringify(res));
        }
      });
      it('masks errors that are not GraphQLErrors (drf-apollo-server)', () => {
        const { maskInternalErrors } = load<{ maskInternalErrors(error: object): object }>('graphql.server');
        const leaked = { message: 'Failed query: select "password" from "users"', path: ['article'], extensions: { code: 'INTERNAL_SERVER_ERROR' } };
        assert.deepEqual(maskInternalErrors(leaked), { message: 'Internal server error', locations: undefined, path: ['article'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
        const userError = { message: "Argument 'first' must be a non-negative integer.", extensions: { code: 'BAD_USER_INPUT' } };
        assert.deepEqual(maskInternalErrors(userError), userError);
      });
    });

    describe('page cache in the composed app (drf-cache-page)', () => {
      // A fixed Host: the absolute URI is part of the key, and supertest listens on a new port for every request.
      const get = (path: string, headers: Record<string, string> = {}) => request(app).get(path).set('Host', 'testserver').set(headers);
      const as = (name: string): Record<string, string> => ({ Authorization: bearer(token(name)) });

      it('never answers from a cached page an Accept the view refuses', async () => {
        const list = `/api/articles/?owner=${users['bob']?.id}`;
        await get(list, { Accept: 'application/json' }).expect(200);
        assert.equal((await get(list, { Accept: 'application/json' }).expect(200)).headers['x-cache'], 'HIT');
        for (const accept of ['text/html', 'text/csv']) {
          assert.deepEqual((await get(list, { Accept: accept }).expect(406)).body, { detail: 'Could not satisfy the request Accept header.' });
        }
      });

      it("never serves a page cached with a user's old rights: a demotion applies at once", async () => {
        const draft = (await post(token('bob'), { title: 'Cached draft' }).expect(201)).body as Article;
        const detail = `/api/articles/${draft.id}/`;
        await get(detail, as('alice')).expect(200);
        assert.equal((await get(detail, as('alice')).expect(200)).headers['x-cache'], 'HIT');
        await setUser('alice', 'is_staff', false);
        try {
          await get(detail, as('alice')).expect(404);
        } finally {
          await setUser('alice', 'is_staff', true);
        }
      });

      it('sends Vary: Authorization on every answer of the decorated views and nowhere else', async () => {
        const vary = (res: { headers: Record<string, string | undefined> }): string => res.headers['vary'] ?? '';
        assert.match(vary(await get('/api/me/', { Authorization: 'Bearer garbage' }).expect(401)), /Authorization/, 'the 401 of authentication');
        const malformed = await request(app).post('/api/articles/').set('Content-Type', 'application/json').send('{"title": }').expect(400);
        assert.match(vary(malformed), /Authorization/, 'the 400 of the JSON parser');
        assert.doesNotMatch(vary(await get('/api/').expect(200)), /Authorization/, 'the API root is no decorated view');
        assert.doesNotMatch(vary(await get('/api/nowhere/').expect(404)), /Authorization/, 'an unknown URL reaches no view');
      });
    });

    describe('content negotiation', () => {
      it('ignores q like DefaultContentNegotiation: more specific media types first, then renderer order', async () => {
        const type = async (accept: string): Promise<string> => (await request(app).get('/api/feed').set('Accept', accept).expect(200)).headers['content-type'] ?? '';
        assert.match(await type('application/json;q=0.1, text/csv'), /application\/json/);
        assert.match(await type('text/csv;q=0.1, application/json'), /application\/json/);
        assert.match(await type('application/*, text/csv'), /text\/csv/);
        assert.match(await type('*/*, text/csv'), /text\/csv/);
        await request(app).get('/api/feed').set('Accept', 'image/png').expect(406);
      });
    });
  });

  describe('drf-api-test, run as written', () => {
    // The snippet is a mocha suite; loading it registers its describe() here.
    const dir = materialize();
    after(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });
    createRequire(path.join(dir, 'index.js'))('./api.test.js');
  });

  describe('with a tight user throttle', () => {
    let built: BuiltApp;

    before(async () => {
      built = await appModule.buildApp({ rates: { user: '3/minute', login: '2/minute' } });
      await built.createUser('carol', 'carol-password');
    });

    after(async () => {
      await built.close();
    });

    it('answers 429 with Retry-After once the rate is used up', async () => {
      const { access } = await clientModule.authenticatedClient(built.app, 'carol', 'carol-password');
      for (let i = 0; i < 3; i += 1) {
        await request(built.app).get('/api/me/').set('Authorization', bearer(access)).expect(200);
      }
      const throttled = await request(built.app).get('/api/me/').set('Authorization', bearer(access)).expect(429);
      const retryAfter = Number(throttled.headers['retry-after']);
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${throttled.headers['retry-after']}`);
      assert.match((throttled.body as { detail: string }).detail, /^Request was throttled\. Expected available in \d+ seconds?\.$/);
      assert.match(throttled.headers['vary'] ?? '', /Authorization/, "vary_on_headers patches the view's 429 too");

      await request(built.app).post('/api/token/').send({ username: 'carol', password: 'carol-password' }).expect(200);
      await request(built.app).post('/api/token/').send({ username: 'carol', password: 'carol-password' }).expect(429);
    });
  });
});
