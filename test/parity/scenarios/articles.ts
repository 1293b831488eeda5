/** The ModelViewSet: create, retrieve, update, partial update, destroy, @action, object permissions, hidden drafts. */
import type { Scenario, Step } from '../scenario';
import { CREATE_MAY_SEND_LOCATION, CREATE_SENDS_LOCATION, OPTIONS_WITHOUT_ACTIONS } from './common';

const LONG_BODY = 'A published article body that is long enough to publish.';
const create = (as: string, body: object, save = 'id'): Step => ({
  label: `create as ${as}`,
  method: 'POST',
  path: '/api/articles/',
  as,
  body,
  save: { [save]: 'id' },
  differs: CREATE_SENDS_LOCATION,
});
const published = (as = 'carol', save = 'id'): Step => create(as, { title: 'Published one', body: LONG_BODY, status: 'published' }, save);
const draft = (as = 'carol', save = 'draftId'): Step => create(as, { title: 'Draft one', body: 'short' }, save);
const post = (name: string, body: unknown, as = 'carol'): Scenario => ({
  name,
  steps: [{ method: 'POST', path: '/api/articles/', as, body, save: { id: 'id' }, differs: CREATE_MAY_SEND_LOCATION }],
});

export const articleScenarios: Scenario[] = [
  { name: 'create: 201 with Location, owner from request.user', steps: [published()] },
  { name: 'create: anonymous is 401 with WWW-Authenticate', steps: [{ method: 'POST', path: '/api/articles/', body: { title: 'Nope' } }] },
  post('create: a missing title says "This field is required."', { body: 'no title' }),
  post('create: a blank title says "This field may not be blank."', { title: '   ' }),
  post('create: a title over 200 characters', { title: 'x'.repeat(201) }),
  post('create: an unknown status choice', { title: 'Bad status', status: 'archived' }),
  post('create: a null title says "This field may not be null."', { title: null }),
  post('create: a number as title is coerced to a string', { title: 12345 }),
  post('create: a body over 10000 characters', { title: 'Long', body: 'x'.repeat(10001) }),
  post('create: a boolean title says "Not a valid string."', { title: true }),
  post('create: an object as title', { title: { text: 'nested' } }),
  post('create: a list as status', { title: 'List status', status: ['draft'] }),
  post('create: a number as body is coerced to a string', { title: 'Numeric body', body: 42 }),
  post('create: validate() rejects a short published body', { title: 'Short', body: 'too short', status: 'published' }),
  post('create: validate() does not run while field errors exist', { body: 'too short', status: 'published' }),
  post('create: read-only and unknown fields are ignored', { title: 'Read-only', id: 12345, owner: 999, created_at: '2000-01-01T00:00:00Z', colour: 'red' }),
  post('create: surrounding whitespace is trimmed from the title', { title: '  Trimmed  ' }),
  post('create: a JSON list is not an object', [{ title: 'In a list' }]),
  {
    name: 'create: a malformed JSON body is 400',
    steps: [
      {
        method: 'POST',
        path: '/api/articles/',
        as: 'carol',
        raw: '{"title":',
        headers: { 'Content-Type': 'application/json' },
        differs: {
          what: ['body.detail'],
          reason: "DRF appends Python's json error text (\"JSON parse error - Expecting value: line 1 column 10 (char 9)\"); the snippet answers \"JSON parse error.\" and does not echo the parser's text",
          snippet: 'drf-exception-handler',
          says: 'JSON parse error',
        },
      },
    ],
  },
  {
    name: 'create: a text/plain body is 415',
    steps: [{ method: 'POST', path: '/api/articles/', as: 'carol', raw: 'title=Plain', headers: { 'Content-Type': 'text/plain' } }],
  },
  { name: 'retrieve: an article', steps: [published(), { path: '/api/articles/{{id}}/' }] },
  { name: 'retrieve: a missing id is 404', steps: [{ path: '/api/articles/999999/' }] },
  { name: 'retrieve: a non-numeric id is 404', steps: [{ path: '/api/articles/abc/' }] },
  { name: 'retrieve: an out-of-range id is 404', steps: [{ path: '/api/articles/99999999999999999999/' }] },
  { name: 'retrieve: a negative id is 404', steps: [{ path: '/api/articles/-1/' }] },
  {
    name: 'update: PUT leaves omitted fields unchanged',
    steps: [published(), { method: 'PUT', path: '/api/articles/{{id}}/', as: 'carol', body: { title: 'Put title only' } }, { path: '/api/articles/{{id}}/' }],
  },
  { name: 'update: PUT without the required title is 400', steps: [published(), { method: 'PUT', path: '/api/articles/{{id}}/', as: 'carol', body: { body: LONG_BODY } }] },
  { name: 'update: PATCH {} changes nothing', steps: [published(), { method: 'PATCH', path: '/api/articles/{{id}}/', as: 'carol', body: {} }] },
  { name: 'update: PATCH one field', steps: [published(), { method: 'PATCH', path: '/api/articles/{{id}}/', as: 'carol', body: { title: 'Patched' } }] },
  {
    name: 'update: PATCH status=published on a short body runs validate() against the instance',
    steps: [draft(), { method: 'PATCH', path: '/api/articles/{{draftId}}/', as: 'carol', body: { status: 'published' } }],
  },
  { name: "update: PATCH someone else's article is 403", steps: [published(), { method: 'PATCH', path: '/api/articles/{{id}}/', as: 'bob', body: { title: 'Mine' } }] },
  { name: 'update: PATCH anonymously is 401', steps: [published(), { method: 'PATCH', path: '/api/articles/{{id}}/', body: { title: 'Anon' } }] },
  { name: "update: staff may read but not change someone else's article", steps: [draft(), { path: '/api/articles/{{draftId}}/', as: 'alice' }, { method: 'PATCH', path: '/api/articles/{{draftId}}/', as: 'alice', body: { title: 'Staff' } }] },
  {
    name: 'destroy: 403 for others, 204 for the owner, then 404',
    steps: [published(), { method: 'DELETE', path: '/api/articles/{{id}}/', as: 'bob' }, { method: 'DELETE', path: '/api/articles/{{id}}/', as: 'carol' }, { path: '/api/articles/{{id}}/' }],
  },
  {
    name: "drafts: someone else's draft is 404 for every method",
    steps: [
      draft(),
      { path: '/api/articles/{{draftId}}/', as: 'bob' },
      { path: '/api/articles/{{draftId}}/' },
      { method: 'PATCH', path: '/api/articles/{{draftId}}/', as: 'bob', body: { title: 'x' } },
      { method: 'DELETE', path: '/api/articles/{{draftId}}/', as: 'bob' },
      { method: 'POST', path: '/api/articles/{{draftId}}/publish/', as: 'bob' },
    ],
  },
  {
    name: "drafts: lists leave out others' drafts and keep one's own",
    steps: [draft('bob', 'bobDraft'), { path: '/api/articles/?owner={{bob.id}}', as: 'bob' }, { path: '/api/articles/?owner={{bob.id}}', as: 'carol' }, { path: '/api/articles/?owner={{bob.id}}' }],
  },
  { name: 'publish: the owner publishes a draft', steps: [create('carol', { title: 'To publish', body: LONG_BODY }, 'draftId'), { method: 'POST', path: '/api/articles/{{draftId}}/publish/', as: 'carol' }] },
  { name: "publish: someone else's published article is 403", steps: [published(), { method: 'POST', path: '/api/articles/{{id}}/publish/', as: 'bob' }] },
  { name: 'publish: GET on the action is 405 with Allow', steps: [published(), { path: '/api/articles/{{id}}/publish/', as: 'carol' }] },
  { name: 'methods: PUT on the list is 405 with Allow', steps: [{ method: 'PUT', path: '/api/articles/', as: 'carol', body: {} }] },
  { name: 'methods: POST on a detail is 405 with Allow', steps: [published(), { method: 'POST', path: '/api/articles/{{id}}/', as: 'carol', body: {} }] },
  { name: 'methods: anonymous DELETE on the list is 401 (permissions run before the method check)', steps: [{ method: 'DELETE', path: '/api/articles/' }] },
  { name: 'methods: HEAD on the list', steps: [{ method: 'HEAD', path: '/api/articles/?owner={{walker.id}}' }] },
  { name: 'methods: OPTIONS on the list answers Allow', steps: [{ method: 'OPTIONS', path: '/api/articles/' }] },
  { name: 'methods: OPTIONS as a user who may POST', steps: [{ method: 'OPTIONS', path: '/api/articles/', as: 'bob', differs: OPTIONS_WITHOUT_ACTIONS }] },
  { name: 'methods: OPTIONS on a detail as its owner, who may PUT', steps: [published(), { method: 'OPTIONS', path: '/api/articles/{{id}}/', as: 'carol', differs: OPTIONS_WITHOUT_ACTIONS }] },
  { name: 'methods: OPTIONS on a detail names the instance view', steps: [published(), { method: 'OPTIONS', path: '/api/articles/{{id}}/' }] },
  { name: 'methods: OPTIONS on a nested list view', steps: [published(), { method: 'OPTIONS', path: '/api/articles/{{id}}/comments/' }] },
  { name: 'methods: OPTIONS on an extra action', steps: [published(), { method: 'OPTIONS', path: '/api/articles/{{id}}/publish/' }] },
  { name: 'methods: OPTIONS on an APIView', steps: [{ method: 'OPTIONS', path: '/api/me/', as: 'bob' }] },
  { name: 'routes: an unknown URL is a JSON 404', steps: [{ path: '/api/nowhere/' }] },
  { name: 'routes: the API root lists the registered viewsets', steps: [{ path: '/api/' }] },
  {
    name: 'routes: a Host outside ALLOWED_HOSTS',
    steps: [
      {
        path: '/api/articles/?owner={{frank.id}}',
        headers: { Host: 'evil.example' },
        differs: {
          what: ['status', 'header:content-type', 'header:vary', 'body'],
          reason: "Django's CommonMiddleware answers 400 to a Host outside ALLOWED_HOSTS; the composed API has no host check (its page cache keys by Host, so a forged one only reaches its own entry)",
          snippet: 'drf-cache-page',
          says: 'Host is not checked here',
        },
      },
    ],
  },
];
