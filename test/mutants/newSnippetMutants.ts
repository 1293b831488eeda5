/**
 * Mutants of the snippets added for issue 11 item 7, in mutants.ts's format. Their unit tests live in
 * test/unit/newSnippets.test.ts, so `npm run mutants` runs them once UnitFile (mutants.ts) includes 'newSnippets'
 * and `mutants` spreads this list; until then they are checked by hand with NEXUS_SNIPPETS_DIR (all 27 caught).
 */
import type { Mutant } from './mutants';

type NewSnippetMutant = Omit<Mutant, 'caughtBy'> & { caughtBy: { unit?: { files: 'newSnippets'[]; grep: string }; parity?: string } };

const unit = (grep: string) => ({ unit: { files: ['newSnippets' as const], grep } });

export const newSnippetMutants: NewSnippetMutant[] = [
  {
    snippet: 'drf-unique-validators',
    search: 'conditions.push(instance ? ne(instance.pk, instance.id) : undefined);',
    replace: 'conditions.push(undefined);',
    careless: 'forgets to exclude the instance, so saving an object unchanged fails as its own duplicate',
    caughtBy: { ...unit('UniqueValidator'), parity: 'unique: UniqueValidator' },
  },
  {
    snippet: 'drf-unique-validators',
    search: "path: [], when: (payload) => payload.issues.length === 0 }",
    replace: 'path: [] }',
    careless: 'runs the unique-together query while fields are invalid, reporting a duplicate beside field errors',
    caughtBy: { ...unit('UniqueTogetherValidator'), parity: 'unique: UniqueTogetherValidator' },
  },
  {
    snippet: 'drf-writable-nested-serializer',
    search: 'Array.isArray(input) ? input.map(() => ({})) : {}',
    replace: 'Array.isArray(input) ? [] : {}',
    careless: 'drops the {} of valid items, so an error no longer lines up with the item it belongs to',
    caughtBy: { ...unit('nests item errors'), parity: 'nested: item errors' },
  },
  {
    snippet: 'drf-get-serializer-class',
    search: 'serializerClasses[action] ?? serializerClasses.default',
    replace: 'serializerClasses.default',
    careless: 'ignores the action, so the list answers the heavy nested serializer',
    caughtBy: { ...unit('lists briefly'), parity: 'nested: a writable' },
  },
  {
    snippet: 'drf-permission-composition',
    search: '(has(op1, req) && hasObject(op1, req, obj)) ||',
    replace: 'hasObject(op1, req, obj) ||',
    careless: "OR checks only the object side, so IsAdminUser's default object check lets every user through",
    caughtBy: unit('OR on an object'),
  },
  {
    snippet: 'drf-permission-composition',
    search: 'hasPermission: (req) => !has(op1, req),',
    replace: 'hasPermission: (req) => has(op1, req),',
    careless: 'NOT forgets to negate, so ~IsAdminUser admits only admins',
    caughtBy: { ...unit('IsAdminUser [|] ReadOnly'), parity: 'permissions: IsAuthenticated &' },
  },
  {
    snippet: 'drf-permission-composition',
    search: 'hasPermission: (req) => has(op1, req) || has(op2, req),',
    replace: 'hasPermission: (req) => has(op1, req) && has(op2, req),',
    careless: 'OR behaves as AND, so IsAdminUser | ReadOnly denies anonymous reads',
    caughtBy: { ...unit('IsAdminUser [|] ReadOnly'), parity: 'permissions: IsAdminUser [|]' },
  },
  {
    snippet: 'drf-versioning-query',
    search: 'String(raw.at(-1))',
    replace: 'String(raw[0])',
    careless: 'takes the first of repeated ?version= values where QueryDict.get takes the last',
    caughtBy: { parity: 'versioning: QueryParameter' },
  },
  {
    snippet: 'drf-versioning-query',
    search: 'raw === undefined ? DEFAULT_QUERY_VERSION',
    replace: '!raw ? DEFAULT_QUERY_VERSION',
    careless: 'treats ?version= (empty) as the default instead of an invalid version',
    caughtBy: { ...unit('picks the version'), parity: 'versioning: QueryParameter' },
  },
  {
    snippet: 'drf-versioning-query',
    search: '    url.searchParams.set(VERSION_PARAM, req.version);',
    replace: '',
    careless: 'reverse() drops ?version=, so links lead clients back to the default version',
    caughtBy: { ...unit('picks the version'), parity: 'versioning: QueryParameter' },
  },
  {
    snippet: 'drf-versioning-namespace',
    search: "export const NAMESPACE_VERSIONS = ['${1:v1}', '${2:v2}'] as const;",
    replace: "export const NAMESPACE_VERSIONS = ['${1:v1}', '${1}'] as const;",
    careless: 'mounts one namespace twice and forgets the other',
    caughtBy: { ...unit('each namespace'), parity: 'versioning: Namespace' },
  },
  {
    snippet: 'drf-token-auth',
    search: "if (keyword?.toLowerCase() === '${2:token}')",
    replace: "if (keyword === '${2:token}')",
    careless: "compares the keyword case-sensitively, so DRF's own 'Token' header is ignored",
    caughtBy: { ...unit('obtain_auth_token'), parity: 'token auth: obtain' },
  },
  {
    snippet: 'drf-token-auth',
    search: '      if (!row.isActive) {',
    replace: '      if (row.isActive === null) {',
    careless: 'skips the is_active check, so a deactivated user keeps access with an old key',
    caughtBy: unit('deactivated user'),
  },
  {
    snippet: 'drf-token-auth',
    search: '.onConflictDoNothing();',
    replace: ".onConflictDoUpdate({ target: ${1}.userId, set: { key: randomBytes(20).toString('hex') } });",
    careless: 'issues a new key on every login (not get_or_create), logging out every other client',
    caughtBy: unit('one key per user'),
  },
  {
    snippet: 'drf-session-auth',
    search: '      if (!SAFE.includes(req.method)) {',
    replace: "      if (req.method === 'TRACE') {",
    careless: 'never enforces CSRF on unsafe methods, so any site can post as a logged-in user',
    caughtBy: unit('CSRF header'),
  },
  {
    snippet: 'drf-session-auth',
    search: "        if (!sameToken(req.get(CSRF_HEADER) ?? '', cookie)) {",
    replace: '        if (!req.get(CSRF_HEADER)) {',
    careless: 'accepts any X-CSRFToken header without comparing it to the cookie',
    caughtBy: unit('CSRF header'),
  },
  {
    snippet: 'drf-file-upload',
    search: '  if (file.size === 0) {',
    replace: '  if (file.size < 0) {',
    careless: 'accepts empty files (FileField refuses them unless allow_empty_file)',
    caughtBy: { ...unit('FileField'), parity: 'upload:' },
  },
  {
    snippet: 'drf-file-upload',
    search: "  if (typeof file === 'string') {",
    replace: '  if (file === undefined) {',
    careless: 'takes a plain form field for a file and crashes on it instead of answering 400',
    caughtBy: { ...unit('FileField'), parity: 'upload:' },
  },
  {
    snippet: 'drf-file-upload',
    search: '  if (!ALLOWED_CONTENT_TYPES.includes(file.type)) {',
    replace: "  if (ALLOWED_CONTENT_TYPES.includes('x')) {",
    careless: 'drops the content-type validator, so executables are stored',
    caughtBy: { ...unit('FileField'), parity: 'upload:' },
  },
  {
    snippet: 'drf-file-upload',
    search: '    if (size > limit) {',
    replace: '    if (size < 0) {',
    careless: 'buffers bodies of any size, so one request can exhaust the memory',
    caughtBy: unit('FileField'),
  },
  {
    snippet: 'drf-cors',
    search: '    if (CORS_ALLOWED_ORIGINS.includes(origin)) {',
    replace: '    if (origin.length > 0) {',
    careless: "reflects every Origin, so any site can read the API with the user's cookies",
    caughtBy: unit('ALLOWED_HOSTS'),
  },
  {
    snippet: 'drf-cors',
    search: "  res.vary('Origin');",
    replace: '  void 0;',
    careless: "drops Vary: Origin, so a shared cache serves one origin's CORS answer to another",
    caughtBy: unit('ALLOWED_HOSTS'),
  },
  {
    snippet: 'drf-cors',
    search: '(domain.endsWith(pattern) ||',
    replace: '(domain.endsWith(pattern.slice(1)) ||',
    careless: "matches '.example.org' as a bare suffix, so notexample.org passes ALLOWED_HOSTS",
    caughtBy: unit('ALLOWED_HOSTS'),
  },
  {
    snippet: 'drf-force-authenticate',
    search: '    req.user = ${1};',
    replace: '    void ${1};',
    careless: 'never sets the user, so the wrapped app is anonymous',
    caughtBy: unit('wrapped app'),
  },
  {
    snippet: 'drf-periodic-task',
    search: '      await queue.removeJobScheduler(scheduler.key);',
    replace: '      void scheduler;',
    careless: 'never removes schedulers dropped from the schedule, so deleted periodic tasks keep firing',
    caughtBy: unit('beat schedule'),
  },
];
