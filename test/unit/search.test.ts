import * as assert from 'node:assert/strict';
import { TopicSearch, tokenize } from '../../src/core/search';
import { topic } from './topicFixtures';

const corpus = [
  topic('caching', { title: 'Caching strategies', tags: ['redis', 'ttl'], summary: 'Cache-aside, write-through and eviction.', order: 1 }),
  topic('redis', { title: 'Redis with Django', tags: ['cache'], summary: 'cache_page and the low-level API.', order: 2 }),
  topic('orm', {
    title: 'The ORM and N+1 queries',
    tags: ['orm', 'performance'],
    headings: ['select_related versus prefetch_related'],
    body: 'Each loop iteration runs a query. Use select_related for foreign keys and a cache when reads repeat.',
    order: 3,
  }),
  topic('celery', { title: 'Celery reliability', summary: 'Retries, acks_late and beat.', body: 'A worker may cache results in Redis.', order: 4 }),
  topic('jwt', { title: 'JWT stateless auth', tags: ['security'], body: 'Access tokens live five minutes by default in simplejwt.', order: 5 }),
];

describe('searching topics', () => {
  const search = new TopicSearch(corpus);
  const ids = (query: string): string[] => search.search(query).map((hit) => hit.topic.id);

  it('ranks a title match above a tag, a tag above the body', () => {
    assert.deepEqual(ids('redis'), ['redis', 'caching', 'celery']);
  });

  it('matches words by prefix as one types', () => {
    assert.deepEqual(ids('cach'), ['caching', 'redis', 'orm', 'celery']);
  });

  it('needs every query word to match', () => {
    assert.deepEqual(ids('cache redis'), ['redis', 'caching', 'celery']);
    assert.deepEqual(ids('redis jwt'), []);
  });

  it('finds words in headings and body text and shows where', () => {
    const [hit] = search.search('prefetch');
    assert.equal(hit.topic.id, 'orm');
    assert.equal(hit.field, 'headings');
    assert.match(hit.excerpt ?? '', /prefetch_related/);
    const [body] = search.search('minutes');
    assert.equal(body.topic.id, 'jwt');
    assert.match(body.excerpt ?? '', /five minutes by default/);
  });

  it('puts a title that starts with the phrase first', () => {
    assert.equal(ids('celery')[0], 'celery');
    assert.equal(ids('the orm')[0], 'orm');
  });

  it('ignores case and punctuation, and an empty query finds nothing', () => {
    assert.deepEqual(ids('N+1'), ['orm']);
    assert.deepEqual(ids('  '), []);
    assert.deepEqual(tokenize('Cache-Aside, N+1!'), ['cache', 'aside', 'n', '1']);
  });

  it('keeps to the limit', () => {
    assert.equal(search.search('c', 2).length, 2);
  });
});
