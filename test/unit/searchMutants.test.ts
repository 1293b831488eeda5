/**
 * Go to Topic… as the learner sees it: which notes come first for what they type, which field the match is shown
 * from, and the passage on the detail line. Written against the Stryker survivors of src/core/search.ts
 * (npm run stryker); search.test.ts covers the common cases.
 */
import * as assert from 'node:assert/strict';
import type { Topic } from '../../src/core/model';
import { excerptFor, TopicSearch, tokenize } from '../../src/core/search';
import { topic } from './topicFixtures';

const ids = (topics: Topic[], query: string, limit?: number): string[] => new TopicSearch(topics).search(query, limit).map((hit) => hit.topic.id);

describe('search ranking', () => {
  it('puts a note that mentions a word more often first, other things equal', () => {
    const topics = [
      topic('once', { title: 'Transactions', body: 'An index helps.', order: 1 }),
      topic('often', { title: 'Query plans', body: 'Add an index, check the index with EXPLAIN, drop an unused index.', order: 2 }),
    ];
    assert.deepEqual(ids(topics, 'index'), ['often', 'once']);
  });

  it('ranks a title match above a body that repeats the word many times', () => {
    const topics = [
      topic('body', { title: 'Deployment', body: 'docker compose up; '.repeat(60), order: 1 }),
      topic('title', { title: 'Docker images', order: 2 }),
    ];
    assert.deepEqual(ids(topics, 'docker'), ['title', 'body']);
  });

  it('ranks the exact word above a longer word it starts', () => {
    const topics = [topic('caches', { title: 'Per-view caches', order: 1 }), topic('cache', { title: 'Low-level cache API', order: 2 })];
    assert.deepEqual(ids(topics, 'cache'), ['cache', 'caches']);
  });

  it('shows a match from the best field of the note, whichever word of it matched last', () => {
    const [hit] = new TopicSearch([topic('caching', { title: 'Caching strategies', body: 'A cache trades freshness for speed.' })]).search('cach');
    assert.equal(hit.field, 'title');
    const [other] = new TopicSearch([topic('invalidation', { title: 'Cache invalidation', body: 'Caching is easy; invalidating is not.' })]).search('cach');
    assert.equal(other.field, 'title');
    assert.equal(hit.excerpt, 'A cache trades freshness for speed.');
  });

  it('shows the best field any of several query words was found in', () => {
    const note = topic('redis', { title: 'Redis with Django', tags: ['ttl'], summary: 'Expiry and eviction of keys.' });
    const search = new TopicSearch([note]);
    assert.equal(search.search('eviction redis')[0].field, 'title');
    assert.equal(search.search('eviction redis ttl')[0].field, 'title');
    assert.equal(search.search('eviction ttl')[0].field, 'tags');
  });

  it('puts a title that starts with the phrase above one that contains it, and that above one with the words apart', () => {
    const topics = [
      topic('apart', { title: 'Redis: cache with TTLs', order: 1 }),
      topic('inside', { title: 'Django with Redis cache', order: 2 }),
      topic('starts', { title: 'Redis cache for sessions', order: 3 }),
    ];
    assert.deepEqual(ids(topics, '  Redis Cache '), ['starts', 'inside', 'apart']);
    assert.deepEqual(ids(topics, 'with redis'), ['inside', 'apart']);
  });

  it('breaks ties by the note order, then by title', () => {
    const topics = [
      topic('b', { title: 'Beta', tags: ['celery'], order: 2 }),
      topic('z', { title: 'Zeta', tags: ['celery'], order: 1 }),
      topic('a', { title: 'Alpha', tags: ['celery'], order: 2 }),
    ];
    assert.deepEqual(ids(topics, 'celery'), ['z', 'a', 'b']);
  });

  it('lists at most 50 notes unless asked for more', () => {
    const many = Array.from({ length: 60 }, (_, index) => topic(`week-${index}`, { title: `Week ${index}`, tags: ['journal'] }));
    assert.equal(ids(many, 'journal').length, 50);
    assert.equal(ids(many, 'journal', 60).length, 60);
  });

  it('finds every word of the vocabulary, the first and the last alphabetically, and each tag and heading', () => {
    const topics = [
      topic('zod', { title: 'Schemas with zod', tags: ['serializers', 'validation'], headings: ['Schemas', 'Parsing requests'] }),
      topic('auth', { title: 'Authentication', tags: ['jwt'] }),
    ];
    assert.deepEqual(ids(topics, 'zod'), ['zod']);
    assert.deepEqual(ids(topics, 'authentication'), ['auth']);
    assert.deepEqual(ids(topics, 'validation'), ['zod']);
    assert.deepEqual(ids(topics, 'parsing'), ['zod']);
    assert.deepEqual(ids(topics, 'a'), ['auth']);
  });

  it('finds nothing when one word matches nowhere, wherever it is in the query', () => {
    const topics = [topic('redis', { title: 'Redis with Django' }), topic('celery', { title: 'Celery with Redis' })];
    assert.deepEqual(ids(topics, 'mongodb redis'), []);
    assert.deepEqual(ids(topics, 'redis django mongodb'), []);
  });

  it('tokenizes letters and digits of any script, and nothing else', () => {
    assert.deepEqual(tokenize('Café-au-lait, HTTP/2 & snake_case!'), ['café', 'au', 'lait', 'http', '2', 'snake_case']);
    assert.deepEqual(tokenize('--- !!'), []);
  });
});

describe('search excerpts', () => {
  const long = topic('cache', {
    title: 'Caching',
    summary: 'Cache-aside in one sentence.',
    headings: ['Memcached and Redis', 'Eviction'],
    tags: ['lru'],
    body:
      '\nBefore we start, remember that every cache trades freshness for speed and that the first request always misses.\n\n' +
      'The   eviction policy decides which key goes when memory is full; Redis defaults to noeviction, so set maxmemory-policy ' +
      'to allkeys-lru for a pure cache and watch the evicted_keys counter in INFO stats over a busy week of traffic.\n',
  });

  it('takes the passage from the summary first, then the headings, the tags, the body', () => {
    assert.equal(excerptFor(long, ['cache']), 'Cache-aside in one sentence.');
    assert.equal(excerptFor(long, ['eviction']), 'Memcached and Redis Eviction', 'the headings read as one line');
    assert.equal(excerptFor(long, ['lru']), 'lru');
    assert.equal(excerptFor(long, ['caching']), undefined);
  });

  it('cuts a passage of whole words around the earliest match, on one line, marking what was cut', () => {
    assert.equal(
      excerptFor(long, ['noeviction', 'maxmemory']),
      '…which key goes when memory is full; Redis defaults to noeviction, so set maxmemory-policy to allkeys-lru…',
    );
    assert.equal(
      excerptFor(long, ['maxmemory', 'noeviction']),
      '…which key goes when memory is full; Redis defaults to noeviction, so set maxmemory-policy to allkeys-lru…',
    );
    assert.equal(excerptFor(long, ['before']), 'Before we start, remember that every cache trades freshness…');
    const aside = topic('aside', { summary: 'Cache-aside: read from the cache, fall back to the database on a miss, then store the row with a TTL.' });
    assert.equal(excerptFor(aside, ['cache', 'ttl']), 'Cache-aside: read from the cache, fall back to the…');
    assert.equal(excerptFor(long, ['maxmemory', 'caching']), excerptFor(long, ['maxmemory']), 'a word found only in the title');
    assert.equal(excerptFor(long, ['traffic']), '…evicted_keys counter in INFO stats over a busy week of traffic.');
    assert.equal(excerptFor(long, ['policy']), '…the first request always misses. The eviction policy decides which key goes when memory is full;…');
  });

  it('matches a word at its start only, not inside another word', () => {
    const note = topic('sessions', { summary: 'Memcached or a Redis cache keeps sessions.', body: 'cache_page' });
    assert.equal(excerptFor(note, ['cache']), 'Memcached or a Redis cache keeps sessions.');
    assert.equal(excerptFor(topic('x', { summary: 'memcached only', body: 'A cache.' }), ['cache']), 'A cache.');
    assert.equal(excerptFor(topic('y', { summary: 'select_related, then related names' , body: '' }), ['related']), 'select_related, then related names');
  });

  it('is what a search hit carries', () => {
    const [hit] = new TopicSearch([long]).search('noeviction');
    assert.equal(hit.field, 'body');
    assert.equal(hit.excerpt, excerptFor(long, ['noeviction']));
  });
});
