/**
 * Deliberate breakages of the drf- snippets, each the one-line change a careless port would make. `npm run mutants`
 * applies each to a copy of content/snippets and runs the tests named in `caughtBy`: at least one test that passes on
 * the unbroken snippets must then fail. The search text is matched in the snippet's body (its lines joined with "\n",
 * exactly as stored: `\$` is an escaped dollar, `${1}` a tab stop) and must occur exactly once.
 */
export type UnitFile = 'snippetApi' | 'snippets' | 'redisSnippets' | 'snippetValidate' | 'snippetGraphqlErrors' | 'newSnippets';

export interface Mutant {
  /** The snippet's prefix. */
  snippet: string;
  search: string;
  replace: string;
  /** What the careless port does, and what goes wrong for its users. */
  careless: string;
  /** The tests that must catch it: unit test files with a mocha grep, and/or parity scenarios (a grep on their names). */
  caughtBy: { unit?: { files: UnitFile[]; grep: string }; parity?: string };
}

import { newSnippetMutants } from './newSnippetMutants';

export const mutants: Mutant[] = [
  // The snippets of issue 11 item 7, written by their author (test/mutants/newSnippetMutants.ts).
  ...newSnippetMutants,
  // drf-auth-backend
  {
    snippet: 'drf-auth-backend',
    search: '  if (!wellFormed) {\n    return false;',
    replace: '  if (!wellFormed) {\n    return true;',
    careless: 'treats a stored hash it cannot parse as a match, so a corrupted password column lets anyone in',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'rejects every malformed hash' } },
  },
  {
    snippet: 'drf-auth-backend',
    search: '  return timingSafeEqual(actual, expected);',
    replace: '  return actual.length === expected.length;',
    careless: 'compares only the lengths of the derived keys, so every password of the right format logs in',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'malformed hash|wrong passwords' }, parity: 'jwt: a wrong password' },
  },
  {
    snippet: 'drf-auth-backend',
    search: "    await checkPassword(password, await (dummyHash ??= makePassword('')));\n",
    replace: '',
    careless: 'returns at once for an unknown username, so response time tells which usernames exist',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'same hashing work' } },
  },
  {
    snippet: 'drf-auth-backend',
    search: '  if (!(await checkPassword(password, user.password)) || !user.isActive) {',
    replace: '  if (!(await checkPassword(password, user.password))) {',
    careless: 'forgets that ModelBackend refuses inactive users, so a deactivated account can still log in',
    caughtBy: { parity: 'deactivated user can neither refresh nor log in' },
  },
  // drf-jwt
  {
    snippet: 'drf-jwt',
    search: '{ algorithms: [settings.algorithm] }',
    replace: '{}',
    careless: 'drops the algorithm pin, so a token signed with another HMAC algorithm and the same key is accepted',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'pins the algorithm' } },
  },
  {
    snippet: 'drf-jwt',
    search: "    if (payload['token_type'] !== tokenType) {",
    replace: "    if (!payload['token_type']) {",
    careless: 'checks that a token has a type but not which, so a refresh token works as an access token and back',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'wrong type' }, parity: 'is not a refresh token|is not an access token' },
  },
  {
    snippet: 'drf-jwt',
    search: '      await checkUser(userId);\n',
    replace: '',
    careless: 'refreshes from the token alone, so a deactivated or deleted user keeps getting new access tokens',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'looks the user up' }, parity: 'deactivated user can neither refresh' },
  },
  {
    snippet: 'drf-jwt',
    search: '      if (settings.blacklistAfterRotation && !(await store.add(jti, exp))) {',
    replace: '      if (settings.blacklistAfterRotation && !(await store.has(jti))) {',
    careless: 'checks the blacklist instead of adding to it, so a rotated refresh token can be used again',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'rotates refresh tokens|concurrent refreshes' }, parity: 'used refresh token is blacklisted|concurrent refreshes' },
  },
  {
    snippet: 'drf-jwt',
    search: '    if (this.isListed(jti)) {\n      return false;',
    replace: '    if (this.isListed(jti) && Math.random() > 1) {\n      return false;',
    careless: 'lets add() overwrite an entry without saying so, so concurrent refreshes with one token all succeed',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'concurrent refreshes' }, parity: 'concurrent refreshes' },
  },
  // drf-jwt-authentication
  {
    snippet: 'drf-jwt-authentication',
    search: '      req.user = await getUser(db, (await jwt.verifyAccess(parts[1])).userId);',
    replace: "      req.user = { id: (await jwt.verifyAccess(parts[1])).userId, username: '', isStaff: false };",
    careless: 'builds request.user from the token and skips the user lookup, so deactivation takes effect only at expiry',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'looks the user up' }, parity: "deactivated user's access token" },
  },
  {
    snippet: 'drf-jwt-authentication',
    search: '  if (!user.isActive) {',
    replace: '  if (user.isActive === null) {',
    careless: 'loads the user but never checks is_active, so a deactivated user keeps access',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'looks the user up' }, parity: "deactivated user's access token" },
  },
  {
    snippet: 'drf-jwt-authentication',
    search: '    if (parts[0] === AUTH_HEADER_TYPE) {',
    replace: '    if (parts.length > 0) {',
    careless: 'treats any Authorization scheme as a JWT, so "Token abc" is a 401 instead of an anonymous request',
    caughtBy: { parity: 'another Authorization scheme is ignored' },
  },
  // drf-exceptions
  {
    snippet: 'drf-exceptions',
    search: "    res.set('Allow', allowed);\n",
    replace: '',
    careless: 'never sends Allow, which DRF sets on every answer of a view (a 405 without it breaks clients)',
    caughtBy: { unit: { files: ['snippetApi'], grep: '405 with Allow' }, parity: '405 with Allow' },
  },
  {
    snippet: 'drf-exceptions',
    search: "  const allowed = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');",
    replace: "  const allowed = [...methods, 'OPTIONS'].join(', ');",
    careless: 'lists the handlers it wrote, forgetting that GET brings HEAD',
    caughtBy: { unit: { files: ['snippetApi'], grep: '405 with Allow' }, parity: '405 with Allow' },
  },
  {
    snippet: 'drf-exceptions',
    search: "  if (req.method !== 'OPTIONS') {",
    replace: '  if (req.method) {',
    careless: 'answers OPTIONS with 405 like any method without a handler',
    caughtBy: { parity: 'OPTIONS on the list' },
  },
  {
    snippet: 'drf-exceptions',
    search: "  const pk = typeof raw === 'string' && /^\\d{1,10}\\$/.test(raw) ? Number(raw) : 0;",
    replace: '  const pk = Number(raw);',
    careless: 'passes the URL id straight to SQL, so "abc" is a 500 instead of a 404',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'out of range' }, parity: 'non-numeric id is 404' },
  },
  {
    snippet: 'drf-exceptions',
    search: "  if (hasBody && !req.is('application/json')) {",
    replace: "  if (hasBody && !req.is('application/json') && !req.is('text/plain')) {",
    careless: 'accepts text/plain bodies, which JSONParser refuses with 415',
    caughtBy: { parity: 'text/plain body is 415' },
  },
  // drf-exception-handler
  {
    snippet: 'drf-exception-handler',
    search: "      res.set('WWW-Authenticate', WWW_AUTHENTICATE);\n",
    replace: '',
    careless: 'answers 401 without WWW-Authenticate, which HTTP requires and DRF sends',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'WWW-Authenticate' }, parity: 'anonymous is 401 with WWW-Authenticate' },
  },
  {
    snippet: 'drf-exception-handler',
    search: "      res.set('Retry-After', String(api.wait));\n",
    replace: '',
    careless: 'answers 429 without Retry-After, so clients cannot tell when to come back',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'Retry-After' }, parity: '429 with Retry-After' },
  },
  {
    snippet: 'drf-exception-handler',
    search: "  if (typeof status === 'number' && status >= 400 && status < 500) {",
    replace: "  if (typeof status === 'number' && status > 400 && status < 500) {",
    careless: "lets body-parser's 400 for malformed JSON fall through to a 500",
    caughtBy: { unit: { files: ['snippetApi'], grep: 'DRF-shaped field errors' }, parity: 'malformed JSON body is 400' },
  },
  {
    snippet: 'drf-exception-handler',
    search: '      if (issue.input === undefined) {',
    replace: '      if (issue.input === undefined && issue.expected === undefined) {',
    careless: 'keeps zod\'s "expected string, received undefined" instead of "This field is required."',
    caughtBy: { unit: { files: ['snippetApi'], grep: "DRF's messages" }, parity: 'This field is required' },
  },
  {
    snippet: 'drf-exception-handler',
    search: "        return min <= 1 ? 'This field may not be blank.' : `Ensure this field has at least \\${min} characters.`;",
    replace: "        return min < 1 ? 'This field may not be blank.' : `Ensure this field has at least \\${min} characters.`;",
    careless: 'reports a blank value as "at least 1 characters" instead of "This field may not be blank."',
    caughtBy: { unit: { files: ['snippetApi'], grep: "DRF's messages" }, parity: 'may not be blank' },
  },
  // drf-model-viewset, drf-generic-retrieve-update-destroy
  {
    snippet: 'drf-model-viewset',
    search: '  list.all(methodNotAllowed);\n',
    replace: '',
    careless: 'registers only the handlers it has, so PUT on the list falls through to a 404 instead of a 405',
    caughtBy: { unit: { files: ['snippetApi'], grep: '405 with Allow' }, parity: 'PUT on the list is 405' },
  },
  {
    snippet: 'drf-generic-retrieve-update-destroy',
    search: '      .where(and(eq(${2}.id, pkOr404(req.params.id)), visible${4/(.*)/${1:/pascalcase}/}(req.user)));',
    replace: '      .where(eq(${2}.id, pkOr404(req.params.id)));',
    careless: "looks the comment up by id alone, so a comment on someone else's draft is readable at /api/comments/<id>/",
    caughtBy: { unit: { files: ['snippetApi'], grep: "someone else's draft" }, parity: "comment on someone else's draft is not readable" },
  },
  // drf-model-serializer, drf-serializer
  {
    snippet: 'drf-model-serializer',
    search: '.max(${3:10000})).optional(),',
    replace: ".max(${3:10000})).default(''),",
    careless: 'gives the field a serializer default, so PUT without it resets the stored body to ""',
    caughtBy: { parity: 'PUT leaves omitted fields unchanged' },
  },
  {
    snippet: 'drf-model-serializer',
    search: "  const body = attrs.body ?? instance?.body ?? '';",
    replace: "  const body = attrs.body ?? '';",
    careless: 'validates a partial update without the instance, so PATCH status=published is refused whatever the stored body',
    caughtBy: { unit: { files: ['snippetValidate'], grep: 'publishes a draft' } },
  },
  {
    snippet: 'drf-model-serializer',
    search: "  const status = attrs.status ?? instance?.status ?? 'draft';",
    replace: "  const status = attrs.status ?? 'draft';",
    careless: 'validates a partial update without the instance, so PATCH can shorten the body of a published article',
    caughtBy: { unit: { files: ['snippetValidate'], grep: 'shorten the body' } },
  },
  {
    snippet: 'drf-serializer',
    search: '    when: (payload) => payload.issues.length === 0,\n',
    replace: '',
    careless: 'runs validate() although fields already failed, adding a confusing cross-field error',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'register serializers' } },
  },
  // drf-permissions, drf-permission-owner, drf-queryset-filter
  {
    snippet: 'drf-permission-owner',
    search: 'obj.${1}Id === req.user?.id',
    replace: 'req.user !== undefined',
    careless: 'checks that someone is logged in instead of who owns the object',
    caughtBy: { unit: { files: ['snippetApi'], grep: "someone else's object" }, parity: "PATCH someone else's article is 403" },
  },
  {
    snippet: 'drf-permissions',
    search: '  if (!req.user) {\n    throw new NotAuthenticated();\n  }\n  throw new PermissionDenied(message);',
    replace: '  if (req.user === null) {\n    throw new NotAuthenticated();\n  }\n  throw new PermissionDenied(message);',
    careless: 'answers 403 to every refused request, where DRF answers 401 when the request is not authenticated',
    caughtBy: { parity: 'PATCH anonymously is 401|anonymous create is 401' },
  },
  {
    snippet: 'drf-queryset-filter',
    search: '  if (user?.isStaff) {',
    replace: '  if (user) {',
    careless: 'lets every logged-in user see every draft',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'hides their drafts' }, parity: "someone else's draft is 404" },
  },
  // drf-pagination-*
  {
    snippet: 'drf-pagination-page',
    search: '      const limit = requested && requested > 0 ? Math.min(requested, maxPageSize) : pageSize;',
    replace: '      const limit = requested && requested > 0 ? requested : pageSize;',
    careless: 'forgets max_page_size, so ?page_size=1000000 reads the whole table',
    caughtBy: { parity: 'page_size over max_page_size is capped' },
  },
  {
    snippet: 'drf-pagination-page',
    search: '      if (page === undefined || page < 1 || page > lastPage) {',
    replace: '      if (page === undefined || page < 1) {',
    careless: 'answers an empty 200 for a page past the end, where DRF says 404 "Invalid page."',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'out of range' } },
  },
  {
    snippet: 'drf-pagination-page',
    search: '        previous: page > 1 ? pageUrl(req, { [pageQueryParam]: page === 2 ? null : page - 1 }) : null,',
    replace: '        previous: page > 1 ? pageUrl(req, { [pageQueryParam]: page - 1 }) : null,',
    careless: 'links page 2 back to ?page=1, where DRF drops the parameter',
    caughtBy: { parity: 'previous link of page 2 drops' },
  },
  {
    snippet: 'drf-pagination-limit-offset',
    search: "      const limit = Math.min(intParam(req, 'limit') || defaultLimit, maxLimit);",
    replace: "      const limit = intParam(req, 'limit') || defaultLimit;",
    careless: 'forgets max_limit, so ?limit=1000000 reads the whole table',
    caughtBy: { parity: 'limit over max_limit is capped' },
  },
  // drf-filterset, drf-search-filter, drf-ordering-filter
  {
    snippet: 'drf-filterset',
    search: "  return typeof value === 'string' && value !== '' ? value : undefined;",
    replace: "  return typeof value === 'string' ? value : undefined;",
    careless: 'validates ?status= (empty) as a choice and answers 400, where django-filter ignores empty values',
    caughtBy: { parity: 'empty \\?status= is ignored' },
  },
  {
    snippet: 'drf-search-filter',
    search: "const escapeLike = (term: string): string => term.replace(/[%_]/g, (ch) => '\\\\\\\\' + ch);",
    replace: 'const escapeLike = (term: string): string => term;',
    careless: 'puts the search term into LIKE unescaped, so % and _ match anything',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'LIKE wildcards' }, parity: 'matches literally' },
  },
  {
    snippet: 'drf-ordering-filter',
    search: "  const valid = requested.filter((term) => Object.hasOwn(orderingFields, term.replace(/^-/, '')));",
    replace: '  const valid = requested;',
    careless: 'skips the ordering_fields allow-list, so an unknown field drops the default ordering',
    caughtBy: { parity: 'fields outside ordering_fields are ignored' },
  },
  // drf-content-negotiation, drf-versioning-accept
  {
    snippet: 'drf-content-negotiation',
    search: '    if (available.length === 0) {',
    replace: '    if (available.length < 0) {',
    careless: "answers 406 to an unknown ?format=, where DRF's filter_renderers() raises 404",
    caughtBy: { parity: 'unknown \\?format= is 404' },
  },
  {
    snippet: 'drf-content-negotiation',
    search: "  return { type, subtype, params: params.filter((param) => !param.startsWith('q=')) };",
    replace: '  return { type, subtype, params };',
    careless: "counts q=… as a media type parameter, so it changes which renderer wins (DRF ignores q)",
    caughtBy: { unit: { files: ['snippetApi'], grep: 'ignores q' } },
  },
  // drf-graphql-schema, drf-apollo-server
  {
    snippet: 'drf-graphql-schema',
    search: '      if (args.first < 0) {',
    replace: '      if (args.first < -1) {',
    careless: 'lets first: -1 through, and LIMIT -1 returns every row past the cap',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'refuses first below 0' } },
  },
  {
    snippet: 'drf-graphql-schema',
    search: '      if (args.first > MAX_FIRST) {',
    replace: '      if (args.first > MAX_FIRST * 10) {',
    careless: 'forgets the RELAY_CONNECTION_MAX_LIMIT cap',
    caughtBy: { unit: { files: ['snippetApi'], grep: 'refuses first below 0' } },
  },
  {
    snippet: 'drf-apollo-server',
    search: '    formatError: maskInternalErrors,\n',
    replace: '',
    careless: 'sends database errors to the client as they are, SQL text included',
    caughtBy: { unit: { files: ['snippetGraphqlErrors'], grep: 'Internal server error' } },
  },
  // drf-on-commit
  {
    snippet: 'drf-on-commit',
    search: '  const result = await db.transaction((tx) => work(tx, (callback) => void callbacks.push(callback)));',
    replace: '  const result = await db.transaction((tx) => work(tx, (callback) => void callback()));',
    careless: 'runs on_commit callbacks at once, inside the transaction, so a worker can look for a row not yet committed',
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'COMMIT|rolls back' } },
  },
  // drf-cache-page, drf-cache-backend, drf-cache-aside, drf-throttle, drf-task, drf-signal-receiver (the REDIS helper's)
  {
    snippet: 'drf-cache-page',
    search: "`\\${req.protocol}://\\${req.get('host') ?? ''}\\${req.originalUrl}`",
    replace: 'req.originalUrl',
    careless: 'keys cached pages by path alone, so a forged Host header poisons the next links every client gets',
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'forged Host' } },
  },
  {
    snippet: 'drf-cache-page',
    search: 'req.user && res.statusCode >= 200 && res.statusCode < 300 ? invalidateCachePages',
    replace: 'true ? invalidateCachePages',
    careless: 'flushes the page cache on every write, anonymous and failed ones included',
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'keeps cached pages' } },
  },
  {
    snippet: 'drf-cache-page',
    search: "const read = req.method === 'GET' || req.method === 'HEAD';",
    replace: "const read = req.method === 'GET';",
    careless: 'treats HEAD as a write',
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'HEAD' } },
  },
  {
    snippet: 'drf-cache-page',
    search: "await cache.get(found.page(JSON.parse(learned) as string[]))",
    replace: "await cache.get(found.page(['authorization']))",
    careless: 'ignores the Vary headers a response declared, so one client gets a page rendered for another Accept',
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'varies' } },
  },
  {
    snippet: 'drf-cache-page',
    search: '    pending.catch(logCacheError).finally(() => end(...args));',
    replace: '    pending.finally(() => end(...args));',
    careless: 'leaves a failed cache write unhandled, which crashes the process',
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'without crashing' } },
  },
  {
    snippet: 'drf-cache-backend',
    search: '  if not oldest or tonumber(oldest) > now - duration then break end',
    replace: '  if not oldest or tonumber(oldest) > now - duration * 2 then break end',
    careless: 'trims the throttle history at the wrong age, so requests stay refused long after the window',
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'sliding window|SimpleRateThrottle' } },
  },
  {
    snippet: 'drf-cache-backend',
    search: 'this.redis.scanStream({ match: pattern, count: 500 })',
    replace: "this.redis.scanStream({ match: '*', count: 500 })",
    careless: "makes cache.clear() delete every key of the Redis database, other apps' included",
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'clears only' } },
  },
  {
    snippet: 'drf-throttle',
    search: '  return remaining / Math.max(1, limit - count + 1);',
    replace: '  return period;',
    careless: "answers Retry-After with the whole period instead of SimpleRateThrottle's wait",
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'sliding window' } },
  },
  {
    snippet: 'drf-throttle',
    search: 'Math.ceil(Math.max(...waits))',
    replace: 'Math.ceil(waits[0] ?? 0)',
    careless: 'reports the first throttle\'s wait, where check_throttles reports the longest',
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'every throttle' } },
  },
  {
    snippet: 'drf-cache-aside',
    search: '  if (pending) {\n    return pending;',
    replace: '  if (pending && Math.random() > 1) {\n    return pending;',
    careless: 'starts one load per concurrent miss (a cache stampede)',
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'one load' } },
  },
  {
    snippet: 'drf-signal-receiver',
    search: '      onCommit(() => queue.enqueue({ ${2}: instance.id }));',
    replace: '      void queue.enqueue({ ${2}: instance.id });',
    careless: 'enqueues from post_save directly, inside the transaction, so the worker may not find the row',
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'COMMIT|rolls back' } },
  },
  {
    snippet: 'drf-task',
    search: '      attempts: ${3:5} + 1,',
    replace: '      attempts: 1,',
    careless: 'forgets the retries (max_retries), so one failure loses the job',
    caughtBy: { unit: { files: ['redisSnippets'], grep: 'retries a failed' } },
  },
];
