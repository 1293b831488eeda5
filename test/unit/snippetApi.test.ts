import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import ts from 'typescript';
import { composeApi, repoRoot } from '../fixtures/snippet-api/compose';

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
  tasks: { calls: { articleId: number }[] };
  createUser(username: string, password: string, isStaff?: boolean): Promise<{ id: number }>;
  close(): Promise<void>;
}
interface AppModule {
  buildApp(options?: { rates?: Record<string, string> }): Promise<BuiltApp>;
}
interface AuthClientModule {
  authenticatedClient(app: Express, username: string, password: string): Promise<{ client: request.Agent; access: string; refresh: string }>;
}

function materialize(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snippet-api-'));
  fs.symlinkSync(path.join(repoRoot(), 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const file of composeApi()) {
    const { outputText } = ts.transpileModule(file.text, {
      fileName: file.name,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    fs.writeFileSync(path.join(dir, file.name.replace(/\.ts$/, '.js')), outputText);
  }
  return dir;
}

const bearer = (token: string): string => `Bearer ${token}`;

describe('API composed from the DRF snippets', function () {
  this.timeout(60_000);
  let dir: string;
  let appModule: AppModule;
  let clientModule: AuthClientModule;

  before(() => {
    dir = materialize();
    const load = createRequire(path.join(dir, 'index.js'));
    appModule = load('./app.js') as AppModule;
    clientModule = load('./auth-client.js') as AuthClientModule;
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
      assert.equal(put.status, 'draft', 'PUT resets omitted fields to their defaults');
      await request(app).put(`/api/articles/${id}/`).set('Authorization', bearer(alice)).send({ body: 'no title' }).expect(400);

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
      assert.deepEqual(await titles('ordering=title&status=published'), ['Bravo', 'Public', 'Secret draft']);
      assert.deepEqual(await titles('ordering=password,-title&status=published'), ['Secret draft', 'Public', 'Bravo'], 'unknown ordering fields are ignored');
      await request(app).get('/api/articles/?owner=abc').expect(400);
      await request(app).get('/api/articles/?status=archived').expect(400);
    });

    it('serves a cached second GET and invalidates it on writes', async () => {
      const url = '/api/articles/?search=cache-probe';
      const first = await request(app).get(url).set('Authorization', bearer(bob)).expect(200);
      assert.equal(first.headers['x-cache'], 'MISS');
      const second = await request(app).get(url).set('Authorization', bearer(bob)).expect(200);
      assert.equal(second.headers['x-cache'], 'HIT');
      assert.deepEqual(second.body, first.body);
      await request(app).post('/api/articles/').set('Authorization', bearer(bob)).send({ title: 'cache-probe' }).expect(201);
      const third = await request(app).get(url).set('Authorization', bearer(bob)).expect(200);
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

      await request(built.app).post('/api/token/').send({ username: 'carol', password: 'carol-password' }).expect(200);
      await request(built.app).post('/api/token/').send({ username: 'carol', password: 'carol-password' }).expect(429);
    });
  });
});
