/** simplejwt: obtain, refresh with rotation and blacklist, the blacklist view, JWTAuthentication on /api/me/. */
import type { Scenario, Step } from '../scenario';
import { CREATE_SENDS_LOCATION, OPTIONS_WITHOUT_ACTIONS } from './common';

const login = (user: string, save = true): Step => ({
  label: `login ${user}`,
  method: 'POST',
  path: '/api/token/',
  body: { username: user, password: `${user}-password` },
  ...(save ? { save: { access: 'access', refresh: 'refresh' } } : {}),
});

export const authScenarios: Scenario[] = [
  { name: 'jwt: obtain a pair', steps: [login('carol')] },
  {
    name: 'jwt: a wrong password is 401 with WWW-Authenticate',
    steps: [{ method: 'POST', path: '/api/token/', body: { username: 'carol', password: 'wrong' } }],
  },
  { name: 'jwt: an unknown username is 401', steps: [{ method: 'POST', path: '/api/token/', body: { username: 'nobody', password: 'x' } }] },
  { name: 'jwt: missing credentials say "This field is required."', steps: [{ method: 'POST', path: '/api/token/', body: {} }] },
  { name: 'jwt: a blank password says "This field may not be blank."', steps: [{ method: 'POST', path: '/api/token/', body: { username: 'carol', password: '' } }] },
  { name: 'jwt: GET on the token view is 405 with Allow', steps: [{ path: '/api/token/' }] },
  { name: 'jwt: OPTIONS on the token views names them', steps: ['/api/token/', '/api/token/refresh/', '/api/token/blacklist/'].map((path) => ({ method: 'OPTIONS', path, differs: OPTIONS_WITHOUT_ACTIONS })) },
  {
    name: 'jwt: refresh rotates, and the used refresh token is blacklisted',
    steps: [
      login('carol'),
      { label: 'refresh', method: 'POST', path: '/api/token/refresh/', body: { refresh: '{{refresh}}' }, save: { rotated: 'refresh', rotatedAccess: 'access' } },
      { label: 'reuse the old one', method: 'POST', path: '/api/token/refresh/', body: { refresh: '{{refresh}}' } },
      { label: 'the rotated one works', method: 'POST', path: '/api/token/refresh/', body: { refresh: '{{rotated}}' } },
      { label: 'the new access token works', path: '/api/me/', as: '{{rotatedAccess}}' },
    ],
  },
  {
    name: 'jwt: an access token is not a refresh token',
    steps: [login('carol'), { method: 'POST', path: '/api/token/refresh/', body: { refresh: '{{access}}' } }],
  },
  { name: 'jwt: a garbage refresh token is 401', steps: [{ method: 'POST', path: '/api/token/refresh/', body: { refresh: 'garbage' } }] },
  { name: 'jwt: refresh without a token is 400', steps: [{ method: 'POST', path: '/api/token/refresh/', body: {} }] },
  {
    name: 'jwt: blacklist (logout), then the refresh token is refused',
    steps: [
      login('carol'),
      { label: 'blacklist', method: 'POST', path: '/api/token/blacklist/', body: { refresh: '{{refresh}}' } },
      { label: 'refresh after logout', method: 'POST', path: '/api/token/refresh/', body: { refresh: '{{refresh}}' } },
    ],
  },
  { name: 'jwt: blacklisting a garbage token is 401', steps: [{ method: 'POST', path: '/api/token/blacklist/', body: { refresh: 'garbage' } }] },
  {
    name: 'jwt: three concurrent refreshes with one token: only one succeeds',
    steps: [
      login('carol'),
      {
        method: 'POST',
        path: '/api/token/refresh/',
        body: { refresh: '{{refresh}}' },
        concurrent: 3,
        differs: {
          what: ['status', 'header:www-authenticate', 'body'],
          reason: 'simplejwt 5.2 checks the blacklist, then blacklists, with no lock between: concurrent refreshes with one token can all succeed (two of three, typically, on the threaded reference)',
          snippet: 'drf-jwt',
          says: 'concurrent refreshes',
          sometimes: true,
          tsStatuses: [200, 401, 401],
        },
      },
    ],
  },
  { name: 'me: the current user', steps: [{ path: '/api/me/', as: 'alice' }] },
  { name: 'me: anonymous is 401 with WWW-Authenticate', steps: [{ path: '/api/me/' }] },
  { name: 'me: a garbage access token is 401', steps: [{ path: '/api/me/', as: '{{garbage}}' }] },
  { name: 'me: a refresh token is not an access token', steps: [{ path: '/api/me/', as: '{{carol.refresh}}' }] },
  { name: 'me: another Authorization scheme is ignored (anonymous)', steps: [{ path: '/api/me/', headers: { Authorization: 'Token abc' } }] },
  { name: 'me: "Bearer" without a token is 401', steps: [{ path: '/api/me/', headers: { Authorization: 'Bearer' } }] },
  { name: 'me: a token with a forged signature is 401', steps: [{ path: '/api/me/', as: '{{carol.forged}}' }] },
  { name: 'me: DELETE is 405 with Allow', steps: [{ method: 'DELETE', path: '/api/me/', as: 'carol' }] },
  {
    name: "jwt: a deactivated user's access token is refused",
    steps: [
      { label: 'works before', path: '/api/me/', as: 'dave' },
      { label: 'deactivate', method: 'POST', path: '/__parity__/users/dave/', body: { is_active: false } },
      { label: 'refused after', path: '/api/me/', as: 'dave' },
      { label: 'and on a read-only route', path: '/api/articles/?owner={{dave.id}}', as: 'dave' },
    ],
  },
  {
    name: 'jwt: a deactivated user can neither refresh nor log in',
    steps: [
      { label: 'deactivate', method: 'POST', path: '/__parity__/users/erin/', body: { is_active: false } },
      { label: 'refresh', method: 'POST', path: '/api/token/refresh/', body: { refresh: '{{erin.refresh}}' } },
      { label: 'login', method: 'POST', path: '/api/token/', body: { username: 'erin', password: 'erin-password' } },
    ],
  },
  {
    name: 'jwt: a demoted staff user loses staff rights at once, rotated tokens included',
    steps: [
      { ...login('grace'), label: 'login grace (staff)' },
      { label: 'a draft of bob', method: 'POST', path: '/api/articles/', as: 'bob', body: { title: 'Bob private' }, save: { bobPrivate: 'id' }, differs: CREATE_SENDS_LOCATION },
      { label: 'staff sees it', path: '/api/articles/{{bobPrivate}}/', as: '{{access}}' },
      { label: 'demote', method: 'POST', path: '/__parity__/users/grace/', body: { is_staff: false } },
      { label: 'the old access token', path: '/api/articles/{{bobPrivate}}/', as: '{{access}}' },
      { label: 'rotate', method: 'POST', path: '/api/token/refresh/', body: { refresh: '{{refresh}}' }, save: { graceRotated: 'access' } },
      { label: 'the rotated access token', path: '/api/articles/{{bobPrivate}}/', as: '{{graceRotated}}' },
      { label: 'me says so', path: '/api/me/', as: '{{graceRotated}}' },
    ],
  },
];
