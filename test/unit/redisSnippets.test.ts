import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Express, Request, RequestHandler, Response } from 'express';
import { Redis } from 'ioredis';
import request from 'supertest';
import { materializeApi } from '../fixtures/snippet-api/compose';
import { startRedis, useRedis } from '../harness/redisServer';

/**
 * The caching and task snippets against Debian's real redis-server (started on a loopback port by the harness): the
 * ioredis RedisCache, the throttles and cache_page on it, cache-aside, and the BullMQ queue with a real worker; and
 * the post_save → on_commit → enqueue chain of drf-signal / drf-signal-receiver / drf-on-commit on PGlite.
 * The snippets run as composed (compose.json, defaults accepted), transpiled into a temporary folder.
 */
interface ThrottleHistory {
  allowed: boolean;
  count: number;
  oldest: number | undefined;
}
interface Cache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
  throttleHistory(key: string, now: number, durationSeconds: number, limit: number): Promise<ThrottleHistory>;
}
interface CacheModule {
  RedisCache: new (redis: Redis, prefix?: string) => Cache;
  MemoryCache: new (now?: () => number) => Cache;
}
interface Throttle {
  scope: string;
  cacheKey(req: Request): string | undefined;
}
interface ThrottlingModule {
  AnonRateThrottle: Throttle;
  UserRateThrottle: Throttle;
  throttleClasses(cache: Cache, throttles: readonly Throttle[], rates?: Record<string, string>, timer?: () => number): RequestHandler;
}
interface CachePageModule {
  cachePage(cache: Cache, ttlSeconds?: number, keyPrefix?: string): RequestHandler;
}
interface CacheAsideModule {
  getOrSet<T>(cache: Cache, key: string, load: () => Promise<T>, ttlSeconds?: number): Promise<T>;
  invalidateArticle(cache: Cache, id: number): Promise<void>;
}
interface ErrorsModule {
  exceptionHandler: (error: unknown, req: Request, res: Response, next: () => void) => void;
}
interface Job {
  id?: string;
  data: { articleId: number };
  attemptsMade: number;
  opts: { attempts?: number; backoff?: unknown };
}
interface Closeable {
  close(): Promise<void>;
}
interface TasksModule {
  createNotifyFollowersQueue(connection: object): { enqueue(data: { articleId: number }): Promise<void>; queue: Closeable & { getJobs(types: string[]): Promise<Job[]> } };
  startNotifyFollowersWorker(connection: object, handler: (data: { articleId: number }, job: Job) => Promise<void>): Closeable & { on(event: 'completed' | 'failed', listener: (job: Job) => void): void };
  eagerQueue<T>(handler?: (data: T) => Promise<void>): { enqueue(data: T): Promise<void>; calls: T[] };
}
interface Article {
  id: number;
  title: string;
}
type OnCommit = (callback: () => unknown) => void;
interface DataModule {
  createDb(): { db: DbLike; client: { exec(sql: string): Promise<unknown> }; close(): Promise<void> };
}
interface DbLike {
  insert(table: unknown): { values(row: object): { returning(): Promise<Article[]> } };
  select(): { from(table: unknown): { where(condition: unknown): Promise<Article[]> } };
}
interface BuiltApp {
  app: Express;
  createUser(username: string, password: string, isStaff?: boolean): Promise<{ id: number }>;
  close(): Promise<void>;
}
interface AppModule {
  DDL: string;
  buildApp(options?: { rates?: Record<string, string>; cache?: Cache; tasks?: { enqueue(data: { articleId: number }): Promise<void> } }): Promise<BuiltApp>;
}

const bearer = (token: string): string => `Bearer ${token}`;
const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Caching and task snippets on a real redis-server', function () {
  this.timeout(60_000);
  const server = useRedis();
  let dir: string;
  let load: NodeJS.Require;
  let redis: Redis;
  let cacheModule: CacheModule;

  before(async () => {
    dir = materializeApi('redis-snippets-');
    load = createRequire(path.join(dir, 'index.js'));
    cacheModule = load('./cache.js') as CacheModule;
    redis = new Redis(server().port, server().host);
  });

  after(async () => {
    await redis?.quit();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await redis.flushdb();
  });

  const redisCache = (prefix?: string): Cache => new cacheModule.RedisCache(redis, prefix);

  /** A fresh composed API whose CACHES['default'] is Redis, and a token for a fresh user. */
  async function appOnRedis(rates: Record<string, string> = { anon: '1000/minute', user: '1000/minute', login: '1000/minute' }) {
    const built = await (load('./app.js') as AppModule).buildApp({ rates, cache: redisCache() });
    await built.createUser('alice', 'alice-password');
    const login = await request(built.app).post('/api/token/').send({ username: 'alice', password: 'alice-password' }).expect(200);
    return { built, token: (login.body as { access: string }).access };
  }

  it('fails, never skips, when redis-server is not installed', async () => {
    await assert.rejects(startRedis({ binary: '/nonexistent/redis-server' }), /\/nonexistent\/redis-server is missing: install Debian's redis-server/);
  });

  describe('RedisCache (drf-cache-backend)', () => {
    it('gets, sets, deletes, expires and clears only its own prefix', async () => {
      const cache = redisCache();
      assert.equal(await cache.get('missing'), null);
      await cache.set('greeting', 'hello', 60);
      assert.equal(await cache.get('greeting'), 'hello');
      assert.equal(await redis.get('nexus:greeting'), 'hello', 'KEY_PREFIX is part of the Redis key');
      const ttl = await redis.pttl('nexus:greeting');
      assert.ok(ttl > 59_000 && ttl <= 60_000, `PTTL ${ttl}`);
      await cache.delete('greeting');
      assert.equal(await cache.get('greeting'), null);

      await cache.set('short', 'lived', 0.2);
      assert.equal(await cache.get('short'), 'lived');
      await delay(300);
      assert.equal(await cache.get('short'), null, 'expired after its timeout');

      const other = redisCache('other:');
      await Promise.all([cache.set('a', '1', 60), cache.set('b', '2', 60), other.set('a', 'kept', 60), redis.set('unprefixed', 'kept')]);
      await cache.clear();
      assert.deepEqual([await cache.get('a'), await cache.get('b')], [null, null]);
      assert.equal(await other.get('a'), 'kept');
      assert.equal(await redis.get('unprefixed'), 'kept');
    });

    it('keeps the throttle history like SimpleRateThrottle: trims at now - duration, refuses at the limit', async () => {
      for (const cache of [redisCache(), new cacheModule.MemoryCache()]) {
        await cache.clear();
        const hit = (now: number) => cache.throttleHistory('throttle:k', now, 60, 2);
        assert.deepEqual(await hit(1000), { allowed: true, count: 1, oldest: 1000 });
        assert.deepEqual(await hit(1000.5), { allowed: true, count: 2, oldest: 1000 });
        assert.deepEqual(await hit(1059.9), { allowed: false, count: 2, oldest: 1000 }, 'a refused request is not recorded');
        assert.deepEqual(await hit(1060), { allowed: true, count: 2, oldest: 1000.5 }, 'a timestamp exactly duration old has left');
      }
    });

    it('lets exactly `limit` of many concurrent requests through', async () => {
      const cache = redisCache();
      const results = await Promise.all(Array.from({ length: 20 }, () => cache.throttleHistory('throttle:burst', 5000, 60, 5)));
      assert.equal(results.filter((result) => result.allowed).length, 5);
    });
  });

  describe('throttles (drf-throttle)', () => {
    /** One throttled route answering through the composed exception handler, on a clock the test moves. */
    function throttledApp(cache: Cache, rates: Record<string, string>, clock: { now: number }): Express {
      const express = load('express') as typeof import('express');
      const { AnonRateThrottle, throttleClasses } = load('./throttling.js') as ThrottlingModule;
      const { exceptionHandler } = load('./exception-handler.js') as ErrorsModule;
      const app = express();
      app.get('/', throttleClasses(cache, [AnonRateThrottle], rates, () => clock.now), (_req, res) => {
        res.json({ ok: true });
      });
      app.use(exceptionHandler);
      return app;
    }

    it('is a sliding window over request timestamps, with DRF\'s Retry-After', async () => {
      const clock = { now: 1_000_000 };
      const app = throttledApp(redisCache(), { anon: '3/minute' }, clock);
      const at = async (second: number, status: number) => {
        clock.now = 1_000_000 + second;
        return request(app).get('/').expect(status);
      };
      await at(0, 200);
      await at(58, 200);
      await at(59, 200);
      const full = await at(59.5, 429);
      // wait() = (duration - (now - oldest)) / (limit - len(history) + 1) = (60 - 59.5) / 1 → ceil → 1
      assert.equal(full.headers['retry-after'], '1');
      assert.deepEqual(full.body, { detail: 'Request was throttled. Expected available in 1 second.' });
      await at(60, 200); // the request at 0 has left the window
      // A fixed window restarted at 60 would allow two more here; the sliding window still holds 58, 59 and 60.
      const refused = await at(61, 429);
      assert.equal(refused.headers['retry-after'], '57', 'until the request at 58 leaves: 60 - (61 - 58)');
      await at(118, 200);
    });

    it('checks every throttle like APIView.check_throttles: the others still record, the longest wait wins', async () => {
      const express = load('express') as typeof import('express');
      const { throttleClasses } = load('./throttling.js') as ThrottlingModule;
      const { exceptionHandler } = load('./exception-handler.js') as ErrorsModule;
      const clock = { now: 2_000_000 };
      const perClient = (scope: string): Throttle => ({ scope, cacheKey: (req) => `${scope}:${req.ip ?? ''}` });
      const app = express();
      app.get('/', throttleClasses(redisCache(), [perClient('burst'), perClient('sustained')], { burst: '2/minute', sustained: '3/hour' }, () => clock.now), (_req, res) => {
        res.json({ ok: true });
      });
      app.use(exceptionHandler);
      const at = async (second: number, status: number) => {
        clock.now = 2_000_000 + second;
        return (await request(app).get('/').expect(status)).headers['retry-after'];
      };
      await at(0, 200);
      await at(1, 200);
      assert.equal(await at(2, 429), '58', 'burst refuses; sustained records this request all the same');
      assert.equal(await at(3, 429), '3597', 'both refuse: the longer wait');
      assert.equal(await at(61, 429), '3539', 'burst has room again, but sustained counted the refused request at 2');
    });

    it('answers 429 with Retry-After from the composed API on Redis once the user rate is used up', async () => {
      const { built, token } = await appOnRedis({ anon: '1000/minute', user: '3/minute', login: '1000/minute' });
      try {
        for (let i = 0; i < 3; i += 1) {
          await request(built.app).get('/api/me/').set('Authorization', bearer(token)).expect(200);
        }
        const throttled = await request(built.app).get('/api/me/').set('Authorization', bearer(token)).expect(429);
        const retryAfter = Number(throttled.headers['retry-after']);
        assert.ok(retryAfter >= 59 && retryAfter <= 60, `Retry-After: ${throttled.headers['retry-after']}`);
        assert.equal(await redis.llen('nexus:throttle:user:1'), 3, 'the history list lives in Redis');
      } finally {
        await built.close();
      }
    });
  });

  describe('cache_page (drf-cache-page)', () => {
    let built: BuiltApp;
    let token: string;
    let servers: http.Server[];
    /**
     * A listening server: the page key holds host:port (build_absolute_uri), and request(app) would listen on a new
     * port for every request.
     */
    const serve = async (app: Express): Promise<http.Server> => {
      const server = http.createServer(app);
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    };
    let api: http.Server;

    before(async () => {
      servers = [];
      ({ built, token } = await appOnRedis());
      api = await serve(built.app);
      for (const title of ['One', 'Two']) {
        await request(api).post('/api/articles/').set('Authorization', bearer(token)).send(published(title)).expect(201);
      }
    });

    after(async () => {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      await built.close();
    });

    const list = '/api/articles/?page_size=1';
    const published = (title: string) => ({ title, body: `${title} is a story long enough to be published.`, status: 'published' });

    it('serves the second GET from Redis, and HEAD from the GET entry', async () => {
      const first = await request(api).get(list).set('Authorization', bearer(token)).expect(200);
      assert.equal(first.headers['x-cache'], 'MISS');
      const second = await request(api).get(list).set('Authorization', bearer(token)).expect(200);
      assert.equal(second.headers['x-cache'], 'HIT');
      assert.deepEqual(second.body, first.body);
      assert.equal(second.headers['content-type'], first.headers['content-type']);
      assert.match(second.headers['vary'] ?? '', /Authorization/);
      const head = await request(api).head(list).set('Authorization', bearer(token)).expect(200);
      assert.equal(head.headers['x-cache'], 'HIT');
      assert.ok((await redis.keys('nexus:views:page:*')).length > 0, 'pages are stored in Redis');
    });

    it('keys pages by the absolute URI, so a forged Host never reaches other clients\' next links', async () => {
      const forged = await request(api).get(list).set('Host', 'evil.example').expect(200);
      assert.match((forged.body as { next: string }).next, /^http:\/\/evil\.example\//);
      const honest = await request(api).get(list).expect(200);
      assert.equal(honest.headers['x-cache'], 'MISS');
      assert.doesNotMatch((honest.body as { next: string }).next, /evil\.example/);
    });

    it('keeps cached pages through anonymous, failed and HEAD requests; drops them after a successful write', async () => {
      const hit = async (expected: 'HIT' | 'MISS') => {
        const res = await request(api).get(list).expect(200);
        assert.equal(res.headers['x-cache'], expected);
        return res.body as { count: number };
      };
      const { count } = await hit('MISS');
      await hit('HIT');
      const anonymous = await request(api).post('/api/articles/').send({ title: 'Anonymous' }).expect(401);
      assert.match(anonymous.headers['vary'] ?? '', /Authorization/, 'vary_on_headers marks every answer of the view');
      await request(api).head('/api/articles/').expect(200);
      await request(api).post('/api/articles/').set('Authorization', bearer(token)).send({ title: '' }).expect(400);
      assert.equal((await hit('HIT')).count, count);
      await request(api).post('/api/articles/').set('Authorization', bearer(token)).send(published('Three')).expect(201);
      assert.equal((await hit('MISS')).count, count + 1, 'the writer never reads the stale page');
    });

    it('honours every header the response varies on (Accept, Authorization, Cookie)', async () => {
      const express = load('express') as typeof import('express');
      const { cachePage } = load('./cache-page.js') as CachePageModule;
      let renders = 0;
      const app = express();
      app.use(cachePage(redisCache(), 60));
      app.get('/negotiated', (req, res) => {
        renders += 1;
        res.vary('Accept').vary('Cookie');
        if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
          res.type('text/csv').send('id\n1\n');
        } else {
          res.json([{ id: 1 }]);
        }
      });
      const server = await serve(app);
      const get = (accept: string, cookie?: string) => {
        const req = request(server).get('/negotiated').set('Accept', accept);
        return cookie ? req.set('Cookie', cookie) : req;
      };
      assert.equal((await get('application/json').expect(200)).headers['x-cache'], 'MISS');
      const csv = await get('text/csv').expect(200);
      assert.equal(csv.headers['x-cache'], 'MISS', 'another Accept is another page');
      assert.match(csv.headers['content-type'] ?? '', /text\/csv/);
      const csvAgain = await get('text/csv').expect(200);
      assert.equal(csvAgain.headers['x-cache'], 'HIT');
      assert.equal(csvAgain.text, 'id\n1\n');
      assert.match(csvAgain.headers['content-type'] ?? '', /text\/csv/);
      assert.deepEqual((await get('application/json').expect(200)).body, [{ id: 1 }]);
      assert.equal((await get('application/json', 'sessionid=abc').expect(200)).headers['x-cache'], 'MISS', 'another Cookie is another page');
      assert.equal(renders, 3);
    });

    it('keys pages by Accept and by the user authenticated for this request, beyond the Vary headers', async () => {
      const express = load('express') as typeof import('express');
      const { cachePage } = load('./cache-page.js') as CachePageModule;
      let renders = 0;
      const app = express();
      // Stands in for the authentication middleware, which loads the user row on every request.
      app.use((req, _res, next) => {
        const staff = req.get('x-staff');
        (req as Request & { user?: unknown }).user = staff === undefined ? undefined : { id: 1, username: 'grace', isStaff: staff === 'yes' };
        next();
      });
      app.use(cachePage(redisCache(), 60));
      app.get('/only-json', (_req, res) => {
        renders += 1;
        res.json({ renders }); // one renderer: no Vary: Accept, as in DRF
      });
      const server = await serve(app);
      const get = (headers: Record<string, string>) => request(server).get('/only-json').set('Authorization', 'Bearer same').set(headers).expect(200);
      assert.equal((await get({ Accept: 'application/json', 'X-Staff': 'yes' })).headers['x-cache'], 'MISS');
      assert.equal((await get({ Accept: 'application/json', 'X-Staff': 'yes' })).headers['x-cache'], 'HIT');
      assert.equal((await get({ Accept: 'text/html', 'X-Staff': 'yes' })).headers['x-cache'], 'MISS', 'another Accept reaches the view (which may answer 406)');
      assert.equal((await get({ Accept: 'application/json', 'X-Staff': 'no' })).headers['x-cache'], 'MISS', 'the same token after a demotion is another page');
      assert.equal(renders, 3);
    });

    it('serves uncached, without crashing, when the cache fails to read or write', async () => {
      const express = load('express') as typeof import('express');
      const { cachePage } = load('./cache-page.js') as CachePageModule;
      const unhandled: unknown[] = [];
      const record = (reason: unknown): void => {
        unhandled.push(reason);
      };
      process.on('unhandledRejection', record);
      const errors = console.error;
      console.error = () => undefined;
      try {
        for (const broken of ['set', 'get'] as const) {
          const cache = redisCache();
          const fail = () => Promise.reject(new Error(`Redis ${broken} failed`));
          if (broken === 'set') {
            cache.set = fail;
          } else {
            cache.get = fail;
          }
          const app = express();
          app.use(cachePage(cache, 60));
          app.get('/page', (_req, res) => {
            res.json({ ok: true });
          });
          const server = await serve(app);
          for (let i = 0; i < 2; i += 1) {
            assert.deepEqual((await request(server).get('/page').expect(200)).body, { ok: true }, `cache.${broken} failing`);
          }
        }
        await delay(50);
      } finally {
        process.off('unhandledRejection', record);
        console.error = errors;
      }
      assert.deepEqual(unhandled, []);
    });
  });

  describe('cache-aside (drf-cache-aside)', () => {
    it('runs one load for concurrent misses, stores JSON in Redis, and reloads after invalidation', async () => {
      const { getOrSet, invalidateArticle } = load('./cache-aside.js') as CacheAsideModule;
      const cache = redisCache();
      let loads = 0;
      const loadArticle = async () => {
        loads += 1;
        await delay(50);
        return { id: 7, title: 'Cached' };
      };
      const results = await Promise.all(Array.from({ length: 10 }, () => getOrSet(cache, 'article:7', loadArticle)));
      assert.equal(loads, 1);
      assert.ok(results.every((result) => result.title === 'Cached'));
      assert.deepEqual(JSON.parse((await redis.get('nexus:article:7')) ?? 'null'), { id: 7, title: 'Cached' });
      const ttl = await redis.ttl('nexus:article:7');
      assert.ok(ttl > 290 && ttl <= 300, `TTL ${ttl}`);
      await getOrSet(cache, 'article:7', loadArticle);
      assert.equal(loads, 1, 'a hit does not load');
      await invalidateArticle(cache, 7);
      await getOrSet(cache, 'article:7', loadArticle);
      assert.equal(loads, 2);
    });
  });

  describe('BullMQ queue and worker (drf-task)', () => {
    const closing: Closeable[] = [];
    afterEach(async () => {
      await Promise.all(closing.splice(0).map((item) => item.close()));
    });

    it('processes an enqueued job in a real worker and retries a failed attempt with backoff', async () => {
      const tasks = load('./tasks.js') as TasksModule;
      const connection = { host: server().host, port: server().port };
      const queue = tasks.createNotifyFollowersQueue(connection);
      const attempts: { articleId: number; at: number }[] = [];
      const worker = tasks.startNotifyFollowersWorker(connection, async (data) => {
        attempts.push({ ...data, at: Date.now() });
        if (attempts.length === 1) {
          throw new Error('SMTP is down');
        }
      });
      closing.push(worker, queue.queue);
      const completed = new Promise<Job>((resolve, reject) => {
        worker.on('completed', resolve);
        worker.on('failed', (job) => {
          if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
            reject(new Error(`gave up after ${job.attemptsMade} attempt(s)`));
          }
        });
      });
      await queue.enqueue({ articleId: 42 });
      const job = await completed;
      assert.deepEqual(job.data, { articleId: 42 });
      assert.equal(job.attemptsMade, 2);
      assert.equal(job.opts.attempts, 6, 'max_retries=5: one attempt and five retries');
      assert.deepEqual(job.opts.backoff, { type: 'exponential', delay: 1000 });
      const [first, second] = attempts;
      assert.ok(first && second && second.at - first.at >= 1000, 'the retry waited for the backoff');
    });

    it('enqueues a created article once it is committed, and the worker reads it from the database', async () => {
      const tasks = load('./tasks.js') as TasksModule;
      const { articles } = load('./article.model.js') as { articles: { id: unknown } };
      const { eq } = load('drizzle-orm') as { eq(column: unknown, value: unknown): unknown };
      const connection = { host: server().host, port: server().port };
      const queue = tasks.createNotifyFollowersQueue(connection);
      const built = await (load('./app.js') as AppModule).buildApp({ rates: { user: '1000/minute' }, tasks: queue });
      const db = (built as unknown as { db: DbLike }).db;
      const seen = new Promise<Article[]>((resolve) => {
        const worker = tasks.startNotifyFollowersWorker(connection, async ({ articleId }) => {
          resolve(await db.select().from(articles).where(eq(articles.id, articleId)));
        });
        closing.push(worker);
      });
      closing.push(queue.queue, built);
      await built.createUser('alice', 'alice-password');
      const login = await request(built.app).post('/api/token/').send({ username: 'alice', password: 'alice-password' }).expect(200);
      const created = await request(built.app)
        .post('/api/articles/')
        .set('Authorization', bearer((login.body as { access: string }).access))
        .send({ title: 'Queued' })
        .expect(201);
      const rows = await seen;
      assert.deepEqual(
        rows.map((row) => [row.id, row.title]),
        [[(created.body as Article).id, 'Queued']],
      );
    });
  });

  describe('post_save → transaction.on_commit → enqueue (drf-signal, drf-signal-receiver, drf-on-commit)', () => {
    let close: () => Promise<void>;
    let db: DbLike;
    let atomic: <T>(db: DbLike, work: (tx: DbLike, onCommit: OnCommit) => Promise<T>) => Promise<T>;
    let postSave: { send(payload: { instance: Article; created: boolean; onCommit: OnCommit }): Promise<void> };
    let articles: { id: unknown };
    let eq: (column: unknown, value: unknown) => unknown;
    let queue: { enqueue(data: { articleId: number }): Promise<void>; calls: { articleId: number }[] };
    /** For each task: did the row exist, seen from outside the transaction, when the task was enqueued? */
    let visibleAtEnqueue: boolean[];
    let disconnect: () => void;

    beforeEach(async () => {
      const created = (load('./db.js') as DataModule).createDb();
      await created.client.exec((load('./app.js') as AppModule).DDL);
      db = created.db;
      close = created.close;
      ({ atomic } = load('./atomic.js') as { atomic: typeof atomic });
      ({ articlePostSave: postSave } = load('./article.signals.js') as { articlePostSave: typeof postSave });
      ({ articles } = load('./article.model.js') as { articles: typeof articles });
      ({ eq } = load('drizzle-orm') as { eq: typeof eq });
      const { users } = load('./user.model.js') as { users: unknown };
      await db.insert(users).values({ username: 'alice', password: '!' }).returning();
      visibleAtEnqueue = [];
      // A worker elsewhere reads the row at once. PGlite has one connection, so a read from outside an open
      // transaction waits for it to end: a read that does not finish in time means the transaction is still open.
      queue = (load('./tasks.js') as TasksModule).eagerQueue<{ articleId: number }>(async ({ articleId }) => {
        const read = db.select().from(articles).where(eq(articles.id, articleId));
        const rows = await Promise.race([read, delay(300).then(() => [])]);
        visibleAtEnqueue.push(rows.length === 1);
      });
      const { connectArticleReceivers } = load('./article.receivers.js') as { connectArticleReceivers(queue: object): () => void };
      disconnect = connectArticleReceivers(queue);
    });

    afterEach(async () => {
      disconnect();
      await close();
    });

    const createArticle = (title: string, after?: () => void) =>
      atomic(db, async (tx, onCommit) => {
        const [instance] = await tx.insert(articles).values({ ownerId: 1, title }).returning();
        assert.ok(instance);
        await postSave.send({ instance, created: true, onCommit });
        after?.();
        return instance;
      });

    it('enqueues only after COMMIT, when a worker can read the row', async () => {
      const article = await createArticle('Committed');
      assert.deepEqual(queue.calls, [{ articleId: article.id }]);
      assert.deepEqual(visibleAtEnqueue, [true]);
    });

    it('enqueues nothing when the transaction rolls back after post_save', async () => {
      await assert.rejects(
        createArticle('Rolled back', () => {
          throw new Error('IntegrityError later in the same atomic block');
        }),
        /IntegrityError/,
      );
      assert.deepEqual(queue.calls, []);
      assert.deepEqual(await db.select().from(articles).where(eq(articles.id, 1)), []);
    });
  });
});
