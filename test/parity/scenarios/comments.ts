/** Generic views for comments: ListCreateAPIView nested under an article, RetrieveUpdateDestroyAPIView by id. */
import type { Scenario, Step } from '../scenario';
import { CREATE_SENDS_LOCATION } from './common';

const LONG_BODY = 'A published article body that is long enough to publish.';
const article = (status: 'published' | 'draft', as = 'carol'): Step => ({
  label: `${status} article`,
  method: 'POST',
  path: '/api/articles/',
  as,
  body: { title: `Commented ${status}`, body: LONG_BODY, status },
  save: { articleId: 'id' },
  differs: CREATE_SENDS_LOCATION,
});
const comment = (as = 'bob', body: unknown = { body: 'Nice' }): Step => ({ label: `comment as ${as}`, method: 'POST', path: '/api/articles/{{articleId}}/comments/', as, body, save: { commentId: 'id' } });

export const commentScenarios: Scenario[] = [
  { name: 'comments: create on a published article', steps: [article('published'), comment()] },
  { name: 'comments: the nested list is paginated', steps: [article('published'), comment(), comment('carol', { body: 'Thanks' }), { path: '/api/articles/{{articleId}}/comments/' }] },
  { name: 'comments: anonymous create is 401', steps: [article('published'), { method: 'POST', path: '/api/articles/{{articleId}}/comments/', body: { body: 'Anon' } }] },
  { name: 'comments: a missing body says "This field is required."', steps: [article('published'), { method: 'POST', path: '/api/articles/{{articleId}}/comments/', as: 'bob', body: {} }] },
  { name: 'comments: a blank body says "This field may not be blank."', steps: [article('published'), { method: 'POST', path: '/api/articles/{{articleId}}/comments/', as: 'bob', body: { body: '  ' } }] },
  { name: "comments: someone else's draft takes no comments (404)", steps: [article('draft'), { method: 'POST', path: '/api/articles/{{articleId}}/comments/', as: 'bob', body: { body: 'Sneaky' } }] },
  {
    name: "comments: a comment on someone else's draft is not readable by id",
    steps: [article('draft'), comment('carol', { body: 'Private note' }), { path: '/api/comments/{{commentId}}/', as: 'bob' }, { path: '/api/comments/{{commentId}}/' }, { path: '/api/comments/{{commentId}}/', as: 'alice' }],
  },
  { name: 'comments: the nested list of a hidden draft is 404', steps: [article('draft'), { path: '/api/articles/{{articleId}}/comments/', as: 'bob' }] },
  { name: 'comments: retrieve by id', steps: [article('published'), comment(), { path: '/api/comments/{{commentId}}/' }] },
  {
    name: 'comments: only the author (or staff) may change a comment',
    steps: [
      article('published'),
      comment(),
      { method: 'PATCH', path: '/api/comments/{{commentId}}/', as: 'carol', body: { body: 'Hijacked' } },
      { method: 'PATCH', path: '/api/comments/{{commentId}}/', body: { body: 'Anon' } },
      { method: 'PATCH', path: '/api/comments/{{commentId}}/', as: 'bob', body: { body: 'Nicer' } },
      { method: 'PATCH', path: '/api/comments/{{commentId}}/', as: 'alice', body: { body: 'Moderated' } },
    ],
  },
  { name: 'comments: PATCH {} changes nothing', steps: [article('published'), comment(), { method: 'PATCH', path: '/api/comments/{{commentId}}/', as: 'bob', body: {} }] },
  { name: 'comments: PUT without a body is 400', steps: [article('published'), comment(), { method: 'PUT', path: '/api/comments/{{commentId}}/', as: 'bob', body: {} }] },
  { name: 'comments: the author deletes, then 404', steps: [article('published'), comment(), { method: 'DELETE', path: '/api/comments/{{commentId}}/', as: 'bob' }, { path: '/api/comments/{{commentId}}/' }] },
  {
    name: 'comments: missing, non-numeric and out-of-range ids are 404',
    steps: [
      { path: '/api/articles/999999/comments/' },
      { path: '/api/articles/abc/comments/' },
      { path: '/api/articles/99999999999999999999/comments/' },
      { path: '/api/comments/999999/' },
      { path: '/api/comments/abc/' },
      { path: '/api/comments/99999999999999999999/' },
    ],
  },
  { name: 'comments: POST on a comment is 405 with Allow', steps: [article('published'), comment(), { method: 'POST', path: '/api/comments/{{commentId}}/', as: 'bob', body: {} }] },
];
