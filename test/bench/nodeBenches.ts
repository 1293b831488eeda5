import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { deserializeIndex, RACY_WINDOW_MS, serializeIndex, type CatalogIndex } from '../../src/core/catalogIndex';
import { loadCatalog, type CatalogRoots, type ContentReader } from '../../src/core/loadCatalog';
import { highlightPending, type PendingHighlight } from '../../src/core/highlight';
import { renderNote } from '../../src/core/renderNote';
import { parseDjango } from '../../src/core/schema/django';
import { toMermaid } from '../../src/core/schema/toMermaid';
import { TopicSearch } from '../../src/core/search';
import { djangoProject } from '../fixtures/schema/generate';
import { diskReader, fileUri } from '../harness/diskReader';
import { freshTempDir, repoRoot } from '../harness/paths';
import { writeCatalog } from './generate';
import { measure, percentile, summarize, type Timing } from './stats';

export interface RenderBench {
  bytes: number;
  nexus: Timing;
  markdownIt: Timing;
  /** Every code block new to the renderer (nothing highlighted before): a note's first render, highlighted inline. */
  nexusCold: Timing;
  markdownItCold: Timing;
  /** The same first render as the panels do it: new blocks left plain (deferHighlight), the text posted at once. */
  nexusDeferred: Timing;
  markdownItDeferred: Timing;
  /** Then, after the text is on its way: highlighting the blocks it left plain. */
  highlightAfter: Timing;
}

/** The note renderer against bare markdown-it on the same 20 KB of real notes, per render. */
export async function renderThroughput(): Promise<RenderBench> {
  const topics = path.join(repoRoot, 'content', 'topics');
  let body = '';
  for (const category of fs.readdirSync(topics).sort()) {
    for (const file of fs.readdirSync(path.join(topics, category)).sort()) {
      if (body.length < 20 * 1024) {
        body += fs.readFileSync(path.join(topics, category, file), 'utf8').replace(/^---[\s\S]*?\n---\n/, '') + '\n';
      }
    }
  }
  body = body.slice(0, 20 * 1024);
  const bare = new MarkdownIt('default', { html: true });
  const context = { topicIdForFile: () => undefined, hasTopic: () => true };
  const batch = 50;
  const perRender = (render: (index: number) => unknown) => async (): Promise<number> => {
    const start = performance.now();
    for (let index = 0; index < batch; index++) {
      render(index);
    }
    return (performance.now() - start) / batch;
  };
  // Cold: each render sees code blocks it never saw (a line of its own in each), before any warm render.
  let variant = 0;
  const fresh = (): string[] => Array.from({ length: batch }, () => body.replace(/^(```\w.*\n)/gm, `$1// variant ${++variant}\n`));
  const nexusCold: number[] = [];
  const markdownItCold: number[] = [];
  const nexusDeferred: number[] = [];
  const markdownItDeferred: number[] = [];
  const highlightAfter: number[] = [];
  const deferred = { ...context, deferHighlight: true };
  for (let run = 0; run < 9; run++) {
    const forNexus = fresh();
    const forBare = fresh();
    nexusCold.push(await perRender((index) => renderNote({ file: 'file:///bench/note.md', body: forNexus[index], bodyLine: 1 }, context))());
    markdownItCold.push(await perRender((index) => bare.render(forBare[index]))());
    const forDeferred = fresh();
    const forBareAgain = fresh();
    const left: PendingHighlight[][] = [];
    nexusDeferred.push(await perRender((index) => left.push(renderNote({ file: 'file:///bench/note.md', body: forDeferred[index], bodyLine: 1 }, deferred).highlights))());
    markdownItDeferred.push(await perRender((index) => bare.render(forBareAgain[index]))());
    highlightAfter.push(await perRender((index) => highlightPending(left[index]))());
  }
  const nexusOnce = perRender(() => renderNote({ file: 'file:///bench/note.md', body, bodyLine: 1 }, context));
  const bareOnce = perRender(() => bare.render(body));
  await nexusOnce();
  await bareOnce();
  // Interleaved, so both see the same machine state.
  const nexus: number[] = [];
  const markdownIt: number[] = [];
  for (let run = 0; run < 9; run++) {
    nexus.push(await nexusOnce());
    markdownIt.push(await bareOnce());
  }
  return {
    bytes: Buffer.byteLength(body),
    nexus: summarize(nexus),
    markdownIt: summarize(markdownIt),
    nexusCold: summarize(nexusCold),
    markdownItCold: summarize(markdownItCold),
    nexusDeferred: summarize(nexusDeferred),
    markdownItDeferred: summarize(markdownItDeferred),
    highlightAfter: summarize(highlightAfter),
  };
}

export interface ScaleRow {
  topics: number;
  load: Timing;
  heapMb: number;
  searchP50: number;
  searchP95: number;
}

const QUERIES = ['cache', 'select_related', 'token refresh', 'doc', 'pagination cursor', 'topic 42', 'q', 'worker broker replica'];

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** Catalogs of growing size on the real disk: load time, memory held, and search latency per query. */
export async function scale(sizes: number[]): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const size of sizes) {
    const scratch = freshTempDir('bench-catalog');
    const roots =
      size === 35
        ? { bundled: fileUri(path.join(repoRoot, 'content')), user: [] }
        : { bundled: fileUri(path.join(scratch, 'none')), user: [fileUri(scratch)] };
    if (size !== 35) {
      writeCatalog(scratch, size);
    }
    const before = heapMb();
    let catalog = await loadCatalog(diskReader, roots);
    const load = await measure(3, async () => {
      const start = performance.now();
      catalog = await loadCatalog(diskReader, roots);
      return performance.now() - start;
    });
    const search = new TopicSearch(catalog.topics.values());
    const held = heapMb() - before;
    const samples: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const query of QUERIES) {
        const start = performance.now();
        search.search(query);
        samples.push(performance.now() - start);
      }
    }
    if (catalog.topics.size !== size) {
      throw new Error(`expected ${size} topics, loaded ${catalog.topics.size}`);
    }
    rows.push({ topics: size, load, heapMb: held, searchP50: percentile(samples, 50), searchP95: percentile(samples, 95) });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return rows;
}

export interface CatalogCacheBench {
  topics: number;
  /** A session's first load, no index file yet: every note stat-ed, read and parsed (the tree waits for this). */
  first: Timing;
  /** A later session's load: the index file read, every note stat-ed, none read or parsed. */
  later: Timing;
  /** After a load, off the critical path: serializing the index and writing it (temporary file, then rename). */
  write: Timing;
  indexBytes: number;
}

/** Issue 16: the tree ready for 10,000 of the learner's notes. */
export const FIRST_LOAD_BUDGET_MS = 1000;
export const LATER_LOAD_BUDGET_MS = 300;

const BENCH_PARSER = 'bench';

/**
 * What CatalogService does with its CatalogIndexFile, on the real disk: read the index from the last session
 * (missing or unusable reads as empty), load with it, and keep the load's index for the next session.
 */
async function loadLikeTheExtension(roots: CatalogRoots, indexFile: string): Promise<{ ms: number; notesRead: number; index: CatalogIndex; topics: number }> {
  let notesRead = 0;
  const reader: ContentReader = {
    ...diskReader,
    readFile(uri) {
      notesRead += uri.endsWith('.md') ? 1 : 0;
      return diskReader.readFile(uri);
    },
  };
  let index: CatalogIndex = new Map();
  const start = performance.now();
  const stored = await fs.promises.readFile(indexFile).then(
    (bytes) => deserializeIndex(bytes, BENCH_PARSER),
    () => new Map(),
  );
  const catalog = await loadCatalog(reader, roots, { index: stored, onIndex: (next) => (index = next) });
  return { ms: performance.now() - start, notesRead, index, topics: catalog.topics.size };
}

/**
 * A learner's folder of `size` notes, loaded as a session's first load (no index) and as a later one (index warm),
 * interleaved. Each load checks that it read every note or none, and one later load must equal a fresh load.
 */
export async function catalogCache(size = 10_000, runs = 5): Promise<CatalogCacheBench> {
  const scratch = freshTempDir('bench-cache');
  const roots = { bundled: fileUri(path.join(scratch, 'none')), user: [fileUri(path.join(scratch, 'notes'))] };
  const indexFile = path.join(scratch, 'storage', 'catalog-index.json');
  fs.mkdirSync(path.dirname(indexFile), { recursive: true });
  writeCatalog(path.join(scratch, 'notes'), size);
  // Notes saved in the last moments are left out of the index; a learner's notes are older than that.
  await new Promise((resolve) => setTimeout(resolve, RACY_WINDOW_MS + 100));
  const writeIndex = async (index: CatalogIndex): Promise<number> => {
    const start = performance.now();
    await fs.promises.writeFile(`${indexFile}.tmp`, serializeIndex(index, BENCH_PARSER));
    await fs.promises.rename(`${indexFile}.tmp`, indexFile);
    return performance.now() - start;
  };
  const first: number[] = [];
  const later: number[] = [];
  const write: number[] = [];
  for (let run = 0; run < runs; run++) {
    fs.rmSync(indexFile, { force: true });
    const cold = await loadLikeTheExtension(roots, indexFile);
    assert.equal(cold.notesRead, size, 'a first load reads every note');
    assert.equal(cold.index.size, size, 'every note is old enough for the index');
    first.push(cold.ms);
    write.push(await writeIndex(cold.index));
    const warm = await loadLikeTheExtension(roots, indexFile);
    assert.equal(warm.notesRead, 0, 'a later load reads no note');
    assert.equal(warm.topics, size);
    later.push(warm.ms);
  }
  const stored = deserializeIndex(fs.readFileSync(indexFile), BENCH_PARSER);
  assert.deepEqual(await loadCatalog(diskReader, roots, { index: stored }), await loadCatalog(diskReader, roots), 'a cached load equals a fresh one');
  const indexBytes = fs.statSync(indexFile).size;
  fs.rmSync(scratch, { recursive: true, force: true });
  return { topics: size, first: summarize(first), later: summarize(later), write: summarize(write), indexBytes };
}

export interface SchemaBench {
  models: number;
  relations: number;
  /** The first read in the process, before the JIT has seen the reader. */
  coldParse: number;
  parse: Timing;
  toMermaid: Timing;
}

/** Budget for reading a 200-model Django project (issue 13); the report gives the best run against it. */
export const DJANGO_PARSE_BUDGET_MS = 300;

/** parseDjango, then toMermaid on what it read, for a 200-model project of 10 apps, each run from fresh text. */
export async function djangoSchema(runs = 9): Promise<SchemaBench> {
  const files = djangoProject();
  const coldStart = performance.now();
  let model = parseDjango(files);
  const coldParse = performance.now() - coldStart;
  const parse = await measure(runs, () => {
    const start = performance.now();
    model = parseDjango(files);
    return performance.now() - start;
  });
  const mermaid = await measure(runs, () => {
    const start = performance.now();
    toMermaid(model);
    return performance.now() - start;
  });
  return { models: model.entities.filter((e) => !e.implicit && !e.external).length, relations: model.relations.length, coldParse, parse, toMermaid: mermaid };
}
