import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deserializeIndex, ENTRY_FIELDS, INDEX_FORMAT, serializeIndex, type CatalogIndex } from '../../src/core/catalogIndex';
import { loadCatalog, type CatalogRoots, type ContentReader } from '../../src/core/loadCatalog';
import type { Catalog } from '../../src/core/model';
import { diskReader, fileUri } from '../harness/diskReader';
import { freshTempDir, repoRoot } from '../harness/paths';

const PARSER = '1.2.3 1700000000000';
/** The index in an index file's text, read as the extension reads the file: as bytes. */
const fromText = (text: string, parser: string): CatalogIndex => deserializeIndex(new TextEncoder().encode(text), parser);
/** Notes last edited an hour ago, as most of a learner's notes are: old enough for the index to trust. */
const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);
/** The fixture's ten notes and the two plain ones each case adds. */
const NOTES = 12;

/** The disk reader, counting the notes it reads, so a case can tell a note taken from the index from a parsed one. */
function countingReader(): ContentReader & { notesRead: string[] } {
  const notesRead: string[] = [];
  return {
    notesRead,
    readFile: (uri) => {
      if (uri.endsWith('.md')) {
        notesRead.push(path.basename(uri));
      }
      return diskReader.readFile(uri);
    },
    readDirectory: (uri) => diskReader.readDirectory(uri),
    stat: (uri) => diskReader.stat!(uri),
  };
}

describe('the catalog index', () => {
  let dir: string;
  let roots: CatalogRoots;
  let stored: string;

  const file = (relative: string): string => path.join(dir, relative);
  const setMtime = (relative: string, time: Date): void => fs.utimesSync(file(relative), time, time);

  /** A load the way the extension makes one: the index as stored in the last session, and this load's to store. */
  async function cachedLoad(from: string = stored): Promise<{ catalog: Catalog; index: CatalogIndex; notesRead: string[] }> {
    const reader = countingReader();
    let index: CatalogIndex | undefined;
    const catalog = await loadCatalog(reader, roots, { index: fromText(from, PARSER), onIndex: (next) => (index = next) });
    assert.ok(index, 'onIndex was not called');
    stored = serializeIndex(index, PARSER);
    return { catalog, index, notesRead: reader.notesRead.sort() };
  }

  const freshLoad = (): Promise<Catalog> => loadCatalog(diskReader, roots);

  beforeEach(async () => {
    dir = freshTempDir('catalog-index');
    // The catalog fixture has every kind of problem (bad YAML, typos, duplicates, unknown references, a stray folder).
    fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'catalog'), dir, { recursive: true });
    fs.mkdirSync(file('user/plain'));
    // Named like a bundled topic: numbered `orm-2`, which must not leak into the stored entry.
    fs.writeFileSync(file('user/plain/orm.md'), '# My ORM\n\nText.\n');
    fs.writeFileSync(file('user/plain/cache.md'), '---\ntitle: Caching\ntags: [redis]\n---\n# Caching\n');
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      fs.utimesSync(path.join(entry.parentPath, entry.name), AN_HOUR_AGO, AN_HOUR_AGO);
    }
    roots = { bundled: fileUri(dir), user: [fileUri(file('user'))] };
    stored = '';
    const first = await cachedLoad();
    assert.equal(first.notesRead.length, NOTES, 'the first load reads every note');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives a later load exactly what a fresh load gives, without reading any note', async () => {
    const fresh = await freshLoad();
    const { catalog, notesRead } = await cachedLoad();
    assert.deepEqual(notesRead, []);
    assert.deepEqual(catalog, fresh);
    assert.ok(catalog.problems.length > 5 && catalog.topics.has('orm-2'), 'the fixture has problems and a renamed note to compare');
    const again = await cachedLoad();
    assert.deepEqual(again.catalog, fresh, 'a renamed note stays renamed, and only once, in a third load');
  });

  it('parses again a note edited to the same size with a new mtime', async () => {
    const note = 'user/plain/cache.md';
    fs.writeFileSync(file(note), fs.readFileSync(file(note), 'utf8').replace('Caching', 'Cachings').replace('redis', 'redi'));
    setMtime(note, new Date(AN_HOUR_AGO.getTime() + 1000));
    const { catalog, notesRead } = await cachedLoad();
    assert.deepEqual(notesRead, ['cache.md']);
    assert.equal(catalog.topics.get('cache')?.title, 'Cachings');
    assert.deepEqual(catalog, await freshLoad());
  });

  it('parses again a note whose size changed, even with its old mtime', async () => {
    const note = 'topics/foundations/http.md';
    fs.writeFileSync(file(note), fs.readFileSync(file(note), 'utf8').replace(/^title: .*$/m, 'title: HTTP, edited'));
    setMtime(note, AN_HOUR_AGO);
    const { catalog, notesRead } = await cachedLoad();
    assert.deepEqual(notesRead, ['http.md']);
    assert.equal(catalog.topics.get('http')?.title, 'HTTP, edited');
    assert.deepEqual(catalog, await freshLoad());
  });

  it('drops a deleted note, from the catalog and from the index', async () => {
    fs.rmSync(file('user/plain/cache.md'));
    // The bundled `orm` goes too, so the plain note numbered `orm-2` beside it is plain `orm` again.
    fs.rmSync(file('topics/data/orm.md'));
    const { catalog, index, notesRead } = await cachedLoad();
    assert.deepEqual(notesRead, []);
    assert.equal(catalog.topics.has('cache'), false);
    assert.equal([...index.keys()].some((key) => key.endsWith('/cache.md')), false);
    assert.equal(catalog.topics.get('orm')?.title, 'My ORM');
    assert.deepEqual(catalog, await freshLoad());
  });

  it('lists a new note', async () => {
    fs.writeFileSync(file('user/plain/queues.md'), '# Queues\n');
    setMtime('user/plain/queues.md', AN_HOUR_AGO);
    const { catalog, notesRead } = await cachedLoad();
    assert.deepEqual(notesRead, ['queues.md']);
    assert.equal(catalog.topics.get('queues')?.title, 'Queues');
    assert.deepEqual(catalog, await freshLoad());
  });

  it('does not keep a note edited in the last moments, whose next same-size edit could keep its mtime', async () => {
    const note = 'user/plain/cache.md';
    // A file system with 1-second timestamps: two saves within the same second get the same mtime.
    const thisSecond = new Date(Math.floor(Date.now() / 1000) * 1000);
    fs.writeFileSync(file(note), fs.readFileSync(file(note), 'utf8').replace('Caching', 'Cachinx'));
    setMtime(note, thisSecond);
    assert.equal((await cachedLoad()).catalog.topics.get('cache')?.title, 'Cachinx');
    fs.writeFileSync(file(note), fs.readFileSync(file(note), 'utf8').replace('Cachinx', 'Cachiny'));
    setMtime(note, thisSecond);
    const { catalog, notesRead } = await cachedLoad();
    assert.deepEqual(notesRead, ['cache.md']);
    assert.equal(catalog.topics.get('cache')?.title, 'Cachiny');
  });

  it('does not take an entry for a note now read under another folder, which changes its category', async () => {
    roots = { ...roots, user: [fileUri(file('user/plain'))] };
    const { catalog, notesRead } = await cachedLoad();
    assert.deepEqual(notesRead, ['cache.md', 'orm.md']);
    assert.equal(catalog.topics.get('cache')?.category, 'my-notes');
    assert.deepEqual(catalog, await freshLoad());
  });

  it('ignores a torn or corrupt index file: the load parses every note and matches a fresh load', async () => {
    const fresh = await freshLoad();
    for (const corrupt of [stored.slice(0, stored.length / 2), '', 'null', '[]', `{"format":${INDEX_FORMAT},"parser":"${PARSER}","entries":{}}`]) {
      const { catalog, notesRead } = await cachedLoad(corrupt);
      assert.equal(notesRead.length, NOTES, `read every note with index ${JSON.stringify(corrupt.slice(0, 40))}`);
      assert.deepEqual(catalog, fresh);
    }
  });

  it('stats every note before it reads any, so that every stamp is older than the text it stands for', async () => {
    const events: string[] = [];
    const reader: ContentReader = {
      readFile: (uri) => (events.push(`read ${uri}`), diskReader.readFile(uri)),
      readDirectory: (uri) => diskReader.readDirectory(uri),
      stat: (uri) => (events.push(`stat ${uri}`), diskReader.stat!(uri)),
    };
    // More notes than are read at once, so that stat-ing and reading each note in turn would interleave them.
    const MORE = 300;
    fs.mkdirSync(file('user/many'));
    for (let n = 0; n < MORE; n++) {
      fs.writeFileSync(file(`user/many/note-${n}.md`), `# Note ${n}\n`);
      setMtime(`user/many/note-${n}.md`, AN_HOUR_AGO);
    }
    const notes = (kind: string): number[] => events.flatMap((event, at) => (event.startsWith(`${kind} `) && event.endsWith('.md') ? [at] : []));
    let index: CatalogIndex | undefined;
    await loadCatalog(reader, roots, { onIndex: (next) => (index = next) });
    assert.equal(index?.size, NOTES + MORE);
    assert.equal(notes('stat').length, NOTES + MORE);
    assert.equal(notes('read').length, NOTES + MORE);
    assert.ok(Math.max(...notes('stat')) < Math.min(...notes('read')), 'the last stat comes before the first read');
  });

  it('leaves a note that could not be read out of the index, so the next load reads it', async () => {
    const reader = countingReader();
    const unreadable: ContentReader = { ...reader, readFile: (uri) => (uri.endsWith('/cache.md') ? Promise.reject(new Error('EACCES')) : reader.readFile(uri)) };
    let index: CatalogIndex | undefined;
    await loadCatalog(unreadable, roots, { onIndex: (next) => (index = next) });
    assert.ok(index);
    assert.equal(index.size, NOTES - 1);
    assert.equal([...index.keys()].some((key) => key.endsWith('/cache.md')), false);
  });

  /** The stored index's JSON line as an object, and a function that writes it back in front of the bodies. */
  function storedDocument<T>(): { document: T; text: (document: T) => string } {
    const split = stored.indexOf('\n');
    const bodies = stored.slice(split);
    return { document: JSON.parse(stored.slice(0, split)) as T, text: (document) => `${JSON.stringify(document)}${bodies}` };
  }

  it('drops a damaged entry and keeps the rest', async () => {
    const { document, text } = storedDocument<{ entries: unknown[][] }>();
    const damaged = document.entries.find((entry) => String(entry[ENTRY_FIELDS.indexOf('file')]).endsWith('/cache.md'));
    assert.ok(damaged);
    damaged[ENTRY_FIELDS.indexOf('tags')] = 'redis';
    const { catalog, notesRead } = await cachedLoad(text(document));
    assert.deepEqual(notesRead, ['cache.md']);
    assert.deepEqual(catalog, await freshLoad());
  });

  it('ignores an index of another format or written by another parser', async () => {
    const { document, text } = storedDocument<{ format: number; parser: string }>();
    for (const other of [
      { ...document, format: INDEX_FORMAT + 1 },
      { ...document, parser: '1.2.4 1700000000000' },
    ]) {
      assert.equal(fromText(text(other), PARSER).size, 0);
      const { notesRead } = await cachedLoad(text(other));
      assert.equal(notesRead.length, NOTES);
    }
    assert.equal(fromText(text(document), PARSER).size, NOTES, 'the same document, as stored, is taken');
  });
});
