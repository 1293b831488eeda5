/** Walks over the 150 published articles seeded for `walker`, with each paginator, comparing every page. */
import type { Scenario } from '../scenario';

const walk = (name: string, path: string, as?: string): Scenario => ({ name, steps: [{ path, follow: 'next', ...(as ? { as } : {}) }] });
const get = (name: string, path: string, as?: string): Scenario => ({ name, steps: [{ path, ...(as ? { as } : {}) }] });

export const paginationScenarios: Scenario[] = [
  walk('page-number: walk 150 rows with the default page size', '/api/articles/'),
  walk('page-number: walk with page_size=40', '/api/articles/?page_size=40'),
  walk('page-number: page_size over max_page_size is capped at 100', '/api/articles/?page_size=1000'),
  walk('page-number: walk filtered by owner as staff', '/api/articles/?owner={{walker.id}}&page_size=30', 'alice'),
  walk('page-number: walk a search ordered by title', '/api/articles/?search=Walk%201&ordering=title&page_size=25'),
  get('page-number: page_size=0, -5 and abc fall back to the default', '/api/articles/?page_size=0'),
  {
    name: 'page-number: invalid page_size values fall back to the default',
    steps: [{ path: '/api/articles/?page_size=-5' }, { path: '/api/articles/?page_size=abc' }, { path: '/api/articles/?page_size=' }],
  },
  get('page-number: a page past the end is 404 Invalid page.', '/api/articles/?page=999'),
  get('page-number: page=0 is 404', '/api/articles/?page=0'),
  get('page-number: an out-of-range page_size is capped', '/api/articles/?owner={{frank.id}}&page_size=99999999999999999999'),
  get('page-number: page=abc is 404', '/api/articles/?page=abc'),
  get('page-number: an out-of-range page number is 404', '/api/articles/?page=99999999999999999999'),
  get('page-number: page=last is the last page', '/api/articles/?page=last&page_size=40'),
  get('page-number: the previous link of page 2 drops ?page', '/api/articles/?page=2&page_size=70'),
  walk('limit/offset: walk 150 rows with the default limit', '/api/articles-lo/'),
  walk('limit/offset: walk with limit=40', '/api/articles-lo/?limit=40'),
  get('limit/offset: limit over max_limit is capped at 100', '/api/articles-lo/?limit=1000'),
  get('limit/offset: the last window links back', '/api/articles-lo/?limit=20&offset=140'),
  get('limit/offset: an offset past the end is an empty page', '/api/articles-lo/?offset=500'),
  {
    name: 'limit/offset: invalid limit and offset values fall back to the defaults',
    steps: [{ path: '/api/articles-lo/?limit=0' }, { path: '/api/articles-lo/?limit=abc&offset=-5' }, { path: '/api/articles-lo/?offset=abc' }],
  },
  get('limit/offset: an out-of-range offset is an empty page', '/api/articles-lo/?offset=99999999999999999999'),
  walk('cursor: walk 150 rows', '/api/articles-cursor/'),
  walk('cursor: walk as staff', '/api/articles-cursor/', 'alice'),
  {
    name: 'cursor: following previous from the second page',
    steps: [
      { path: '/api/articles-cursor/', save: { cursorNext: 'next' } },
      { path: '{{cursorNext}}', label: 'second page', save: { cursorPrevious: 'previous' } },
      { path: '{{cursorPrevious}}', label: 'back to the first page' },
    ],
  },
  get('cursor: a malformed cursor is 404 Invalid cursor', '/api/articles-cursor/?cursor=not-a-cursor'),
];
