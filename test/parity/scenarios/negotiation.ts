/** Content negotiation (renderer selection, 406), AcceptHeaderVersioning and ?format=. */
import type { Scenario } from '../scenario';

const accept = (name: string, path: string, value: string): Scenario => ({ name, steps: [{ path, headers: { Accept: value } }] });

export const negotiationScenarios: Scenario[] = [
  accept('negotiation: Accept application/json', '/api/articles/?owner={{frank.id}}', 'application/json'),
  accept('negotiation: Accept */*', '/api/articles/?owner={{frank.id}}', '*/*'),
  accept('negotiation: an unsupported Accept on a list is 406', '/api/articles/?owner={{frank.id}}', 'text/html'),
  accept('negotiation: an unsupported Accept on a detail view is 406', '/api/me/', 'application/xml'),
  accept('negotiation: text/csv where only JSON renders is 406', '/api/articles/?owner={{frank.id}}', 'text/csv'),
  accept('negotiation: DRF ignores q-values and takes the first match', '/api/versions', 'text/csv;q=0.1, application/json'),
  accept('negotiation: q=0 still selects in DRF', '/api/versions', 'application/json;q=0'),
  accept('negotiation: csv by Accept', '/api/versions', 'text/csv'),
  { name: 'negotiation: ?format=csv narrows the renderers, Accept must still match', steps: [{ path: '/api/versions?format=csv', headers: { Accept: 'application/json' } }] },
  { name: 'negotiation: an unknown ?format= is 404', steps: [{ path: '/api/versions?format=xml' }] },
  accept('versioning: no version is the default 1.0', '/api/versions', 'application/json'),
  accept('versioning: version=2.0 from the Accept header', '/api/versions', 'application/json; version=2.0'),
  accept('versioning: a version outside ALLOWED_VERSIONS is 406', '/api/versions', 'application/json; version=9.9'),
  accept('versioning: a version parameter on */*', '/api/versions', '*/*; version=2.0'),
];
