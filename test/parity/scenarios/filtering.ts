/** django-filter FilterSet, SearchFilter and OrderingFilter over frank's seeded articles (see seed.ts). */
import type { Scenario } from '../scenario';

const list = (name: string, query: string, as?: string): Scenario => ({ name, steps: [{ path: `/api/articles/?${query}`, ...(as ? { as } : {}) }] });

export const filteringScenarios: Scenario[] = [
  list('filter: by owner (anonymous sees the published ones)', 'owner={{frank.id}}'),
  list('filter: by owner and status as the owner', 'owner={{frank.id}}&status=draft', 'frank'),
  list('filter: an empty ?status= is ignored', 'owner={{frank.id}}&status='),
  list('filter: an empty ?owner= is ignored', 'owner=&search=Bravo'),
  list('filter: an unknown status choice is 400', 'status=archived'),
  list('filter: a non-numeric owner is 400', 'owner=abc'),
  list('filter: an out-of-range owner is 400', 'owner=99999999999999999999'),
  list('filter: an owner that does not exist is 400', 'owner=999999'),
  list('filter: created_after keeps newer rows', 'owner={{frank.id}}&created_after=2000-01-01T00:00:00Z'),
  list('filter: a malformed created_after is 400', 'created_after=yesterday'),
  list('filter: unknown query params are ignored', 'owner={{frank.id}}&colour=red'),
  list('search: one term, case-insensitive, title or body', 'owner={{frank.id}}&search=BANANA'),
  list('search: every term must match', 'owner={{frank.id}}&search=apple%20banana'),
  list('search: terms may match different fields', 'owner={{frank.id}}&search=alpha%20pie'),
  list('search: % matches literally', 'owner={{frank.id}}&search=%25'),
  list('search: _ matches literally', 'owner={{frank.id}}&search=_'),
  list('search: an empty ?search= is ignored', 'owner={{frank.id}}&search='),
  list('ordering: an empty ?ordering= keeps the default', 'owner={{frank.id}}&ordering='),
  list('ordering: by title', 'owner={{frank.id}}&ordering=title'),
  list('ordering: by -title', 'owner={{frank.id}}&ordering=-title'),
  list('ordering: fields outside ordering_fields are ignored', 'owner={{frank.id}}&ordering=password'),
  list('ordering: by created_at', 'owner={{frank.id}}&ordering=created_at'),
  list('ordering: by two fields', 'owner={{frank.id}}&ordering=status,-title', 'frank'),
];
