import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Queue as BullQueue, Worker as BullWorker, ConnectionOptions } from 'bullmq';
import type { Express, Request, RequestHandler } from 'express';
import request from 'supertest';
import { sql, type SQL } from 'drizzle-orm';
import { materializeApi } from '../fixtures/snippet-api/compose';
import { useRedis } from '../harness/redisServer';

/**
 * The snippets added for issue 11 item 7 (unique validators, writable nested serializer, get_serializer_class,
 * permission composition, query-parameter and namespace versioning, token and session auth, file upload,
 * force_authenticate, CORS + ALLOWED_HOSTS, periodic tasks), run as composed: the app's /extra routes
 * (test/fixtures/snippet-api/extras.ts.txt) under supertest, and the periodic task against a real redis-server.
 */
interface BuiltApp {
  app: Express;
  db: { execute(query: SQL): Promise<unknown> };
  createUser(username: string, password: string, isStaff?: boolean): Promise<{ id: number; username: string; isStaff: boolean }>;
  close(): Promise<void>;
}
type PermRequest = Request & { user?: { id: number; isStaff: boolean } };
type Perm = { hasPermission?(req: PermRequest): boolean; hasObjectPermission?(req: PermRequest, obj: unknown): boolean };

describe('new DRF snippets, composed', function () {
  this.timeout(60_000);
  let dir: string;
  let load: NodeJS.Require;
  let built: BuiltApp;
  let app: Express;
  const tokens: Record<string, string> = {};
  const bearer = (name: string): string => `Bearer ${tokens[name] ?? ''}`;

  before(async () => {
    dir = materializeApi('new-snippets-');
    load = createRequire(path.join(dir, 'index.js'));
    const { buildApp } = load('./app.js') as { buildApp(options: object): Promise<BuiltApp> };
    built = await buildApp({ rates: { anon: '1000/minute', user: '1000/minute', login: '1000/minute' } });
    app = built.app;
    for (const [name, staff] of [['alice', true], ['bob', false], ['carol', false]] as const) {
      await built.createUser(name, `${name}-password`, staff);
      tokens[name] = ((await request(app).post('/api/token/').send({ username: name, password: `${name}-password` }).expect(200)).body as { access: string }).access;
    }
  });

  after(async () => {
    await built.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('drf-unique-validators', () => {
    it('UniqueValidator: a duplicate (after trimming) is a field error, the instance itself is excluded on update', async () => {
      const first = (await request(app).post('/extra/tags/').send({ name: 'python' }).expect(201)).body as { id: number };
      const other = (await request(app).post('/extra/tags/').send({ name: 'django' }).expect(201)).body as { id: number };
      const dup = await request(app).post('/extra/tags/').send({ name: '  python ' }).expect(400);
      assert.deepEqual(dup.body, { name: ['tag with this name already exists.'] });
      await request(app).put(`/extra/tags/${first.id}/`).send({ name: 'python' }).expect(200);
      const taken = await request(app).put(`/extra/tags/${other.id}/`).send({ name: 'python' }).expect(400);
      assert.deepEqual(taken.body, { name: ['tag with this name already exists.'] });
      const tooLong = await request(app).post('/extra/tags/').send({ name: 'x'.repeat(51) }).expect(400);
      assert.deepEqual(tooLong.body, { name: ['Ensure this field has no more than 50 characters.'] }, 'the unique check runs only on a valid field');
    });

    it('UniqueTogetherValidator: non_field_errors, and only once every field is valid', async () => {
      await request(app).post('/extra/memberships/').send({ team: 'core', username: 'ann' }).expect(201);
      await request(app).post('/extra/memberships/').send({ team: 'docs', username: 'ann' }).expect(201);
      const dup = await request(app).post('/extra/memberships/').send({ team: 'core', username: 'ann' }).expect(400);
      assert.deepEqual(dup.body, { non_field_errors: ['The fields team, username must make a unique set.'] });
      const noteTooLong = await request(app).post('/extra/memberships/').send({ team: 'core', username: 'ann', note: 'x'.repeat(11) }).expect(400);
      assert.deepEqual(noteTooLong.body, { note: ['Ensure this field has no more than 10 characters.'] }, 'the together check waits for every field');
      const missing = await request(app).post('/extra/memberships/').send({ team: 'core' }).expect(400);
      assert.deepEqual(missing.body, { username: ['This field is required.'] });
    });
  });

  describe('drf-writable-nested-serializer + drf-get-serializer-class', () => {
    it('creates the parent with its children, lists briefly and retrieves nested', async () => {
      const created = await request(app)
        .post('/extra/orders/')
        .send({ customer: 'Ada', items: [{ sku: 'A-1', quantity: 2 }, { sku: 'B-2', quantity: 1 }] })
        .expect(201);
      const order = created.body as { id: number };
      assert.deepEqual(created.body, { id: order.id, customer: 'Ada', items: [{ sku: 'A-1', quantity: 2 }, { sku: 'B-2', quantity: 1 }] });
      const list = await request(app).get('/extra/orders/').expect(200);
      assert.deepEqual(list.body, [{ id: order.id, customer: 'Ada' }], 'list uses the brief serializer');
      const detail = await request(app).get(`/extra/orders/${order.id}/`).expect(200);
      assert.deepEqual(detail.body, created.body, 'retrieve uses the nested serializer');
      await request(app).get('/extra/orders/999999/').expect(404);
      await request(app).get('/extra/orders/abc/').expect(404);
    });

    it('nests item errors like ListSerializer and writes nothing when an item is invalid', async () => {
      const before = ((await request(app).get('/extra/orders/').expect(200)).body as unknown[]).length;
      const bad = await request(app)
        .post('/extra/orders/')
        .send({ customer: 'Bob', items: [{ sku: 'A-1', quantity: 1 }, { sku: '', quantity: 0 }] })
        .expect(400);
      assert.deepEqual(bad.body, { items: [{}, { sku: ['This field may not be blank.'], quantity: ['Ensure this value is greater than or equal to 1.'] }] });
      const missing = await request(app).post('/extra/orders/').send({ customer: 'Bob' }).expect(400);
      assert.deepEqual(missing.body, { items: ['This field is required.'] });
      const after = ((await request(app).get('/extra/orders/').expect(200)).body as unknown[]).length;
      assert.equal(after, before);
    });
  });

  describe('drf-permission-composition', () => {
    it('IsAdminUser | ReadOnly and IsAuthenticated & ~IsAdminUser answer as DRF', async () => {
      await request(app).get('/extra/perm/staff-or-read-only/').expect(200);
      await request(app).post('/extra/perm/staff-or-read-only/').expect(401);
      await request(app).post('/extra/perm/staff-or-read-only/').set('Authorization', bearer('bob')).expect(403);
      await request(app).post('/extra/perm/staff-or-read-only/').set('Authorization', bearer('alice')).expect(200);
      await request(app).get('/extra/perm/non-staff/').expect(401);
      await request(app).get('/extra/perm/non-staff/').set('Authorization', bearer('bob')).expect(200);
      const staff = await request(app).get('/extra/perm/non-staff/').set('Authorization', bearer('alice')).expect(403);
      assert.deepEqual(staff.body, { detail: 'You do not have permission to perform this action.' });
    });

    it('OR on an object needs both checks of one side; NOT inverts the object check too', () => {
      const { And, Or, Not } = load('./permission-composition.js') as Record<'And' | 'Or', (a: Perm, b: Perm) => Perm> & { Not(a: Perm): Perm };
      const isAdmin: Perm = { hasPermission: (req) => req.user?.isStaff === true };
      const isOwner: Perm = { hasObjectPermission: (req, obj) => (obj as { ownerId: number }).ownerId === req.user?.id };
      const as = (id: number, isStaff: boolean): PermRequest => ({ method: 'PUT', user: { id, username: 'u', isStaff } }) as unknown as PermRequest;
      const mine = { ownerId: 1 };
      const either = Or(isAdmin, isOwner);
      assert.equal(either.hasObjectPermission?.(as(1, false), mine), true, 'owner passes through the second side');
      assert.equal(either.hasObjectPermission?.(as(2, false), mine), false, "IsAdminUser's default object check must not let a non-admin through");
      assert.equal(either.hasObjectPermission?.(as(2, true), mine), true);
      assert.equal(And(isAdmin, isOwner).hasObjectPermission?.(as(2, true), mine), false);
      assert.equal(Not(isOwner).hasObjectPermission?.(as(2, false), mine), true);
      assert.equal(Not(isAdmin).hasObjectPermission?.(as(2, false), mine), false, 'NOT of a default object check (True) denies');
    });
  });

  describe('drf-versioning-query and drf-versioning-namespace', () => {
    it('?version= picks the version, reverse() keeps it, unknown or empty is a 404', async () => {
      const plain = await request(app).get('/extra/query-versioned/').expect(200);
      assert.equal((plain.body as { version: string }).version, '1.0');
      assert.match((plain.body as { url: string }).url, /^http:\/\/127\.0\.0\.1:\d+\/extra\/query-versioned\/\?version=1\.0$/);
      const two = await request(app).get('/extra/query-versioned/?version=2.0').expect(200);
      assert.equal((two.body as { version: string }).version, '2.0');
      for (const bad of ['3.0', '']) {
        const res = await request(app).get(`/extra/query-versioned/?version=${bad}`).expect(404);
        assert.deepEqual(res.body, { detail: 'Invalid version in query parameter.' });
      }
    });

    it('each namespace sets its version and reverses inside itself; an unmounted one is a plain 404', async () => {
      for (const version of ['v1', 'v2']) {
        const res = await request(app).get(`/extra/ns/${version}/ping/`).expect(200);
        assert.equal((res.body as { version: string }).version, version);
        assert.match((res.body as { url: string }).url, new RegExp(`/extra/ns/${version}/ping/$`));
      }
      const unknown = await request(app).get('/extra/ns/v3/ping/').expect(404);
      assert.deepEqual(unknown.body, { detail: 'Not found.' });
    });
  });

  describe('drf-token-auth', () => {
    it('obtain_auth_token answers one key per user; TokenAuthentication sets request.user', async () => {
      const first = (await request(app).post('/extra/auth-token/').send({ username: 'bob', password: 'bob-password' }).expect(200)).body as { token: string };
      assert.match(first.token, /^[0-9a-f]{40}$/);
      const again = (await request(app).post('/extra/auth-token/').send({ username: 'bob', password: 'bob-password' }).expect(200)).body as { token: string };
      assert.equal(again.token, first.token, 'get_or_create');
      const wrong = await request(app).post('/extra/auth-token/').send({ username: 'bob', password: 'nope' }).expect(400);
      assert.deepEqual(wrong.body, { non_field_errors: ['Unable to log in with provided credentials.'] });
      const missing = await request(app).post('/extra/auth-token/').send({}).expect(400);
      assert.deepEqual(missing.body, { username: ['This field is required.'], password: ['This field is required.'] });
      const get = await request(app).get('/extra/auth-token/').expect(405);
      assert.equal(get.headers['allow'], 'POST, OPTIONS');

      const me = await request(app).get('/extra/token-me/').set('Authorization', `Token ${first.token}`).expect(200);
      assert.deepEqual(me.body, { username: 'bob' });
      await request(app).get('/extra/token-me/').set('Authorization', `token ${first.token}`).expect(200);
      const cases: [string, string][] = [
        [`Token ${'0'.repeat(40)}`, 'Invalid token.'],
        ['Token', 'Invalid token header. No credentials provided.'],
        [`Token ${first.token} extra`, 'Invalid token header. Token string should not contain spaces.'],
      ];
      for (const [header, detail] of cases) {
        const res = await request(app).get('/extra/token-me/').set('Authorization', header).expect(401);
        assert.deepEqual(res.body, { detail }, header);
      }
      await request(app).get('/extra/token-me/').expect(401);
    });

    it('a deactivated user is refused at once', async () => {
      await built.createUser('dora', 'dora-password');
      const { token } = (await request(app).post('/extra/auth-token/').send({ username: 'dora', password: 'dora-password' }).expect(200)).body as { token: string };
      await built.db.execute(sql`update users set is_active = false where username = 'dora'`);
      const res = await request(app).get('/extra/token-me/').set('Authorization', `Token ${token}`).expect(401);
      assert.deepEqual(res.body, { detail: 'User inactive or deleted.' });
    });
  });

  describe('drf-session-auth', () => {
    const cookieOf = (res: request.Response, name: string): string | undefined => {
      const header = res.headers['set-cookie'] as unknown as string[] | undefined;
      return header?.map((line) => /^([^=]+)=([^;]*)/.exec(line)).find((match) => match?.[1] === name)?.[2];
    };

    it('a session login authenticates; unsafe methods need the CSRF header to match the cookie', async () => {
      const agent = request.agent(app);
      const login = await agent.post('/extra/session/login/').send({ username: 'carol', password: 'carol-password' }).expect(200);
      const csrf = cookieOf(login, 'csrftoken');
      assert.ok(csrf && cookieOf(login, 'sessionid'), 'login sets sessionid and csrftoken');
      assert.deepEqual((await agent.get('/extra/session/notes/').expect(200)).body, { username: 'carol' });
      const missing = await agent.post('/extra/session/notes/').send({ body: 'hi' }).expect(403);
      assert.deepEqual(missing.body, { detail: 'CSRF Failed: CSRF token missing or incorrect.' });
      await agent.post('/extra/session/notes/').set('X-CSRFToken', `${csrf ?? ''}x`).send({ body: 'hi' }).expect(403);
      const ok = await agent.post('/extra/session/notes/').set('X-CSRFToken', csrf ?? '').send({ body: 'hi' }).expect(201);
      assert.deepEqual(ok.body, { author: 'carol', body: 'hi' });

      const session = cookieOf(login, 'sessionid') ?? '';
      const noCookie = await request(app).post('/extra/session/notes/').set('Cookie', `sessionid=${session}`).send({}).expect(403);
      assert.deepEqual(noCookie.body, { detail: 'CSRF Failed: CSRF cookie not set.' });
      await request(app).post('/extra/session/notes/').set('Cookie', `sessionid=forged; csrftoken=${csrf ?? ''}`).send({}).expect(401);
      await request(app).post('/extra/session/login/').send({ username: 'carol', password: 'wrong' }).expect(400);
    });
  });

  describe('drf-file-upload', () => {
    const upload = () => request(app).post('/extra/upload/').set('Authorization', bearer('bob'));

    it('accepts an allowed file and answers its name, size and type', async () => {
      const res = await upload().attach('file', Buffer.from('hello world'), { filename: 'notes.txt', contentType: 'text/plain' }).expect(201);
      assert.deepEqual(res.body, { name: 'notes.txt', size: 11, content_type: 'text/plain' });
    });

    it("answers FileField's messages, 415 for JSON, 401 anonymously and 413 past the cap", async () => {
      const detail = async (req: request.Test, status: number) => (await req.expect(status)).body as unknown;
      assert.deepEqual(await detail(upload().field('other', 'x'), 400), { file: ['No file was submitted.'] });
      assert.deepEqual(await detail(upload().field('file', 'plain text'), 400), { file: ['The submitted data was not a file. Check the encoding type on the form.'] });
      assert.deepEqual(await detail(upload().attach('file', Buffer.alloc(0), { filename: 'empty.txt', contentType: 'text/plain' }), 400), { file: ['The submitted file is empty.'] });
      assert.deepEqual(await detail(upload().attach('file', Buffer.from('MZ'), { filename: 'run.exe', contentType: 'application/x-msdownload' }), 400), {
        file: ['Unsupported file type "application/x-msdownload".'],
      });
      const big = Buffer.alloc(2 * 1024 * 1024 + 1, 97);
      assert.deepEqual(await detail(upload().attach('file', big, { filename: 'big.txt', contentType: 'text/plain' }), 400), { file: [`The file may not be larger than ${2 * 1024 * 1024} bytes.`] });
      await upload().attach('file', Buffer.alloc(2 * 1024 * 1024 + 65 * 1024, 97), { filename: 'huge.txt', contentType: 'text/plain' }).expect(413);
      assert.deepEqual(await detail(upload().send({ file: 'x' }), 415), { detail: 'Unsupported media type "application/json" in request.' });
      await request(app).post('/extra/upload/').attach('file', Buffer.from('hi'), { filename: 'a.txt', contentType: 'text/plain' }).expect(401);
    });
  });

  describe('drf-force-authenticate', () => {
    it('authenticates every request of the wrapped app as the given user, without a token', async () => {
      const { forceAuthenticate } = load('./force-auth.js') as { forceAuthenticate(app: Express, user: object): Express };
      const bob = { id: 2, username: 'bob', isStaff: false };
      const me = await request(forceAuthenticate(app, bob)).get('/api/me/').expect(200);
      assert.equal((me.body as { username: string }).username, 'bob');
      await request(forceAuthenticate(app, bob)).post('/extra/perm/staff-or-read-only/').expect(403);
      await request(app).get('/api/me/').expect(401);
    });
  });

  describe('drf-cors', () => {
    it('checks Host against ALLOWED_HOSTS and answers CORS for allowed origins only', async () => {
      const { allowedHosts, corsHeaders } = load('./cors.js') as Record<'allowedHosts' | 'corsHeaders', RequestHandler>;
      const express = load('express') as typeof import('express');
      const site = express().use(allowedHosts, corsHeaders, app);
      const evil = await request(site).get('/extra/orders/').set('Host', 'evil.test').expect(400);
      assert.deepEqual(evil.body, { detail: 'Bad Request (400)' });
      await request(site).get('/extra/orders/').set('Host', 'API.example.com:8443').expect(200);
      await request(site).get('/extra/orders/').set('Host', 'eu.example.org').expect(200);
      await request(site).get('/extra/orders/').set('Host', 'example.org').expect(200);
      await request(site).get('/extra/orders/').set('Host', 'notexample.org').expect(400);

      const allowed = await request(site).get('/extra/orders/').set('Origin', 'https://app.example.com').expect(200);
      assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.com');
      assert.match(String(allowed.headers['vary']), /Origin/);
      const other = await request(site).get('/extra/orders/').set('Origin', 'https://evil.test').expect(200);
      assert.equal(other.headers['access-control-allow-origin'], undefined);
      const preflight = await request(site)
        .options('/extra/upload/')
        .set('Origin', 'https://app.example.com')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization')
        .expect(200);
      assert.equal(preflight.text, '');
      assert.equal(preflight.headers['access-control-allow-methods'], 'DELETE, GET, OPTIONS, PATCH, POST, PUT');
      assert.match(String(preflight.headers['access-control-allow-headers']), /authorization/);
      assert.equal(preflight.headers['access-control-max-age'], '86400');
    });
  });
});

describe('drf-periodic-task against a real redis-server', function () {
  this.timeout(60_000);
  let dir: string;
  let queue: BullQueue | undefined;
  let worker: BullWorker | undefined;

  // Registered before useRedis(), so it runs first: the worker closes while its server is still up.
  after(async () => {
    await worker?.close();
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const server = useRedis();

  it('syncs the beat schedule into job schedulers that fire repeatedly, and drops entries no longer listed', async () => {
    dir = materializeApi('periodic-');
    const load = createRequire(path.join(dir, 'index.js'));
    const { Queue } = load('bullmq') as typeof import('bullmq');
    type Entry = { every: number } | { pattern: string; tz?: string };
    const { syncBeatSchedule, startBeatWorker, beatSchedule } = load('./periodic.js') as {
      beatSchedule: Record<string, Entry>;
      syncBeatSchedule(queue: BullQueue, schedule?: Record<string, Entry & { data?: object }>): Promise<void>;
      startBeatWorker(name: string, connection: ConnectionOptions, tasks: Record<string, (data: Record<string, unknown>) => Promise<void>>): BullWorker;
    };
    const connection = { host: server().host, port: server().port };
    queue = new Queue('beat', { connection });
    const runs: Record<string, unknown>[] = [];
    worker = startBeatWorker('beat', connection, {
      tick: async (data) => {
        runs.push(data);
      },
    });
    await syncBeatSchedule(queue);
    assert.deepEqual((await queue.getJobSchedulers()).map((s) => s.key).sort(), Object.keys(beatSchedule).sort(), 'the default schedule is in Redis');
    await syncBeatSchedule(queue, { tick: { every: 150, data: { n: 1 } } });
    await syncBeatSchedule(queue, { tick: { every: 150, data: { n: 1 } } });
    assert.deepEqual((await queue.getJobSchedulers()).map((s) => s.key), ['tick'], 'entries no longer listed are removed; syncing twice keeps one scheduler');
    const deadline = Date.now() + 10_000;
    while (runs.length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(runs.length >= 3, `the interval entry ran ${runs.length} times`);
    assert.deepEqual(runs[0], { n: 1 });
  });
});
