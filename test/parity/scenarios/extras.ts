/**
 * The snippets beside the blog API, under /extra/ on both sides (test/parity/drf/extra/ and the composed extras.ts):
 * unique validators, a writable nested serializer with get_serializer_class, composed permissions, query-parameter
 * and namespace versioning, TokenAuthentication, and a multipart file upload. Session auth with CSRF is tested in
 * test/unit/newSnippets.test.ts only: these steps carry no cookie jar.
 */
import type { DeclaredDifference, Scenario, Step } from '../scenario';

const post = (path: string, body: unknown, extra: Partial<Step> = {}): Step => ({ method: 'POST', path, body, ...extra });

/** A multipart/form-data body with one part; `file` set makes it a file part. */
function multipart(name: string, content: string, file?: { filename: string; type: string }): Pick<Step, 'raw' | 'headers'> {
  const boundary = 'parityBoundary7MA4YWxkTrZu0gW';
  const disposition = `form-data; name="${name}"${file ? `; filename="${file.filename}"` : ''}`;
  const head = [`--${boundary}`, `Content-Disposition: ${disposition}`, ...(file ? [`Content-Type: ${file.type}`] : []), '', ''].join('\r\n');
  return { raw: `${head}${content}\r\n--${boundary}--\r\n`, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (as: string | undefined, body: Pick<Step, 'raw' | 'headers'>, label?: string): Step => ({ method: 'POST', path: '/extra/upload/', ...(as ? { as } : {}), ...body, ...(label ? { label } : {}) });

const RANDOM_TOKEN: DeclaredDifference = {
  what: ['body.token'],
  reason: 'each side generates its own random 40-hex-character key (os.urandom in DRF, randomBytes in the snippet)',
  snippet: 'drf-token-auth',
  says: 'one key per user',
};
const TOKEN_CHALLENGE: DeclaredDifference = {
  what: ['header:www-authenticate'],
  reason: 'DRF names the first authentication class of the view (Token); the exception handler sends the app-wide Bearer challenge',
  snippet: 'drf-token-auth',
  says: 'app-wide WWW-Authenticate',
};
const obtain = (user: string): Step => ({ ...post('/extra/auth-token/', { username: user, password: `${user}-password` }), save: { token: 'token' }, differs: RANDOM_TOKEN });

export const extraScenarios: Scenario[] = [
  {
    name: 'unique: UniqueValidator answers a duplicate as a field error, and excludes the instance on update',
    steps: [
      post('/extra/tags/', { name: 'python' }, { save: { tag: 'id' } }),
      post('/extra/tags/', { name: 'django' }, { save: { other: 'id' } }),
      post('/extra/tags/', { name: '  python ' }, { label: 'duplicate after trimming' }),
      { label: 'PUT the same name on itself', method: 'PUT', path: '/extra/tags/{{tag}}/', body: { name: 'python' } },
      { label: 'PUT a taken name', method: 'PUT', path: '/extra/tags/{{other}}/', body: { name: 'python' } },
      post('/extra/tags/', { name: 'x'.repeat(51) }, { label: 'too long: the field error alone' }),
      post('/extra/tags/', {}, { label: 'missing' }),
    ],
  },
  {
    name: 'unique: UniqueTogetherValidator answers under non_field_errors, only once every field is valid',
    steps: [
      post('/extra/memberships/', { team: 'core', username: 'ann' }, { save: { m1: 'id' } }),
      post('/extra/memberships/', { team: 'docs', username: 'ann' }, { save: { m2: 'id' } }),
      post('/extra/memberships/', { team: 'core', username: 'ann' }, { label: 'duplicate pair' }),
      post('/extra/memberships/', { team: 'core' }, { label: 'missing username' }),
      post('/extra/memberships/', { team: 'core', username: '' }, { label: 'blank username' }),
      post('/extra/memberships/', { team: 'core', username: 'ann', note: 'x'.repeat(11) }, { label: 'a duplicate pair with an invalid note: the field error alone' }),
    ],
  },
  {
    name: 'nested: a writable nested create, listed briefly and retrieved nested (get_serializer_class)',
    steps: [
      post('/extra/orders/', { customer: 'Ada', items: [{ sku: 'A-1', quantity: 2 }, { sku: 'B-2', quantity: 1 }] }, { save: { order: 'id' } }),
      { label: 'retrieve: the nested serializer', path: '/extra/orders/{{order}}/' },
      post('/extra/orders/', { customer: 'Empty', items: [] }, { save: { empty: 'id' }, label: 'an empty list is allowed' }),
      { label: 'list: the brief serializer', path: '/extra/orders/' },
    ],
  },
  {
    name: 'nested: item errors nest like ListSerializer',
    steps: [
      post('/extra/orders/', { customer: 'Bob', items: [{ sku: 'A-1', quantity: 1 }, { sku: '', quantity: 0 }] }),
      post('/extra/orders/', { customer: 'Bob', items: [{ sku: 'A-1', quantity: 1.5 }] }, { label: 'a fractional quantity' }),
      post('/extra/orders/', { customer: 'Bob' }, { label: 'items missing' }),
      post('/extra/orders/', { items: [{ sku: 'A-1' }] }, { label: 'errors on both levels' }),
    ],
  },
  { name: 'nested: a missing or non-numeric order is 404', steps: [{ path: '/extra/orders/999999/' }, { path: '/extra/orders/abc/' }] },
  {
    name: 'permissions: IsAdminUser | ReadOnly',
    steps: [
      { label: 'anonymous read', path: '/extra/perm/staff-or-read-only/' },
      { label: 'anonymous write', method: 'POST', path: '/extra/perm/staff-or-read-only/' },
      { label: 'user write', method: 'POST', path: '/extra/perm/staff-or-read-only/', as: 'bob' },
      { label: 'staff write', method: 'POST', path: '/extra/perm/staff-or-read-only/', as: 'alice' },
      { label: 'unknown method', method: 'DELETE', path: '/extra/perm/staff-or-read-only/', as: 'alice' },
    ],
  },
  {
    name: 'permissions: IsAuthenticated & ~IsAdminUser',
    steps: [
      { label: 'anonymous', path: '/extra/perm/non-staff/' },
      { label: 'user', path: '/extra/perm/non-staff/', as: 'bob' },
      { label: 'staff', path: '/extra/perm/non-staff/', as: 'alice' },
    ],
  },
  {
    name: 'versioning: QueryParameterVersioning and its reverse()',
    steps: ['', '?version=1.0', '?version=2.0', '?version=3.0', '?version=', '?version=1.0&version=2.0'].map((query) => ({ label: query || 'no parameter', path: `/extra/query-versioned/${query}` })),
  },
  {
    name: 'versioning: NamespaceVersioning and its reverse()',
    steps: ['v1', 'v2', 'v3'].map((version) => ({ label: version, path: `/extra/ns/${version}/ping/` })),
  },
  {
    name: 'token auth: obtain_auth_token and TokenAuthentication',
    steps: [
      obtain('bob'),
      { label: 'the key authenticates', path: '/extra/token-me/', headers: { Authorization: 'Token {{token}}' } },
      { label: 'the keyword is case-insensitive', path: '/extra/token-me/', headers: { Authorization: 'token {{token}}' } },
      { label: 'anonymous', path: '/extra/token-me/', differs: TOKEN_CHALLENGE },
      { label: 'an unknown key', path: '/extra/token-me/', headers: { Authorization: `Token ${'0'.repeat(40)}` }, differs: TOKEN_CHALLENGE },
      { label: 'no key', path: '/extra/token-me/', headers: { Authorization: 'Token' }, differs: TOKEN_CHALLENGE },
      { label: 'a key with spaces', path: '/extra/token-me/', headers: { Authorization: 'Token {{token}} extra' }, differs: TOKEN_CHALLENGE },
    ],
  },
  {
    name: 'token auth: wrong or missing credentials, and GET is 405',
    steps: [
      post('/extra/auth-token/', { username: 'bob', password: 'wrong' }),
      post('/extra/auth-token/', {}),
      { path: '/extra/auth-token/' },
    ],
  },
  {
    name: 'upload: MultiPartParser + FileField with size and type validators',
    steps: [
      upload('bob', multipart('file', 'hello world', { filename: 'notes.txt', type: 'text/plain' }), 'an allowed file'),
      upload('bob', multipart('other', 'x'), 'no file'),
      upload('bob', multipart('file', 'plain text'), 'a text field, not a file'),
      upload('bob', multipart('file', '', { filename: 'empty.txt', type: 'text/plain' }), 'an empty file'),
      upload('bob', multipart('file', 'MZ', { filename: 'run.exe', type: 'application/x-msdownload' }), 'a refused type'),
      upload('bob', multipart('file', 'a'.repeat(2 * 1024 * 1024 + 1), { filename: 'big.txt', type: 'text/plain' }), 'one byte over the limit'),
      { label: 'JSON is 415', method: 'POST', path: '/extra/upload/', as: 'bob', body: { file: 'x' } },
      upload(undefined, multipart('file', 'hi', { filename: 'a.txt', type: 'text/plain' }), 'anonymous'),
    ],
  },
];
