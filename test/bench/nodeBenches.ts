import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { loadCatalog } from '../../src/core/loadCatalog';
import { renderNote } from '../../src/core/renderNote';
import { TopicSearch } from '../../src/core/search';
import { diskReader, fileUri } from '../harness/diskReader';
import { freshTempDir, repoRoot } from '../harness/paths';
import { writeCatalog } from './generate';
import { measure, percentile, summarize, type Timing } from './stats';

export interface RenderBench {
  bytes: number;
  nexus: Timing;
  markdownIt: Timing;
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
  const perRender = (render: () => unknown) => async (): Promise<number> => {
    const batch = 50;
    const start = performance.now();
    for (let index = 0; index < batch; index++) {
      render();
    }
    return (performance.now() - start) / batch;
  };
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
  return { bytes: Buffer.byteLength(body), nexus: summarize(nexus), markdownIt: summarize(markdownIt) };
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
