import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCatalog } from '../../src/core/loadCatalog';
import type { Catalog } from '../../src/core/model';
import { renderNote } from '../../src/core/renderNote';
import { diskReader, fileUri } from '../harness/diskReader';
import { repoRoot } from '../harness/paths';

/** The note without its reading lists, which grow with the sources a note cites and teach nothing by themselves. */
function teaching(body: string): string {
  return body.split(/^## (?:Further reading|Sources)\s*$/m)[0] ?? body;
}

/**
 * Docs that publish one URL per version, and the moving aliases that would let a note's link drift to a release the
 * note was not checked against. Sites with a single unversioned URL (DRF, redis.io, RabbitMQ, GitHub Docs) are absent.
 */
const unpinnedDocs = [
  /^https:\/\/docs\.djangoproject\.com\/en\/(?:stable|dev)\//,
  /^https:\/\/www\.postgresql\.org\/docs\/(?:current|devel)\//,
  /^https:\/\/docs\.celeryq\.dev\/en\/(?:stable|latest|main)\//,
  /^https:\/\/[\w.-]+\.readthedocs\.io\/en\/(?:stable|latest)\//,
  /^https:\/\/docs\.python\.org\/3\//,
];

/** The bundled study notes: valid, reachable, linked correctly, and shaped the way every note promises. */
describe('the bundled study content', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = await loadCatalog(diskReader, { bundled: fileUri(path.join(repoRoot, 'content')), user: [] });
  });

  it('loads without a single problem', () => {
    assert.deepEqual(catalog.problems.map((p) => `${p.file}:${p.line} ${p.message}`), []);
  });

  it('has 35 topics in 9 categories, every one reachable in the tree', () => {
    assert.equal(catalog.topics.size, 35);
    assert.equal(catalog.categories.length, 9);
    const inTree = catalog.categories.flatMap((category) => category.topics.map((topic) => topic.id));
    assert.deepEqual([...inTree].sort(), [...catalog.topics.keys()].sort());
  });

  it('links only to topics and anchors that exist', () => {
    const byFile = new Map([...catalog.topics.values()].map((topic) => [topic.file, topic.id]));
    const render = (id: string) => renderNote(catalog.topics.get(id)!, { topicIdForFile: (uri) => byFile.get(uri), hasTopic: (other) => catalog.topics.has(other) });
    const slugs = (id: string): string[] => render(id).headings.map((heading) => heading.slug);
    const broken: string[] = [];
    for (const id of catalog.topics.keys()) {
      const note = render(id);
      broken.push(...note.problems.map((problem) => `${id}:${problem.line} ${problem.message}`));
      for (const [, anchor] of note.html.matchAll(/<a href="#[^"]*" data-anchor="([^"]+)">/g)) {
        if (!slugs(id).includes(anchor)) {
          broken.push(`${id}: no heading #${anchor}`);
        }
      }
      for (const [, target, anchor] of note.html.matchAll(/data-topic="([^"]+)" data-anchor="([^"]+)"/g)) {
        if (!slugs(target).includes(anchor)) {
          broken.push(`${id}: ${target} has no heading #${anchor}`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  for (const section of ['Learning goals', 'The idea', 'Django / DRF and the TypeScript port', 'Pitfalls', 'Self-check', 'Further reading', 'Sources']) {
    it(`gives every note a "${section}" section`, () => {
      const missing = [...catalog.topics.values()].filter((topic) => !topic.headings.includes(section)).map((topic) => topic.id);
      assert.deepEqual(missing, []);
    });
  }

  it('gives every note at least one diagram, 3 to 5 self-check answers and official further reading', () => {
    const wrong: string[] = [];
    for (const topic of catalog.topics.values()) {
      const diagrams = (topic.body.match(/^```mermaid\s*$/gm) ?? []).length;
      const selfCheck = topic.body.split(/^## Self-check\s*$/m)[1]?.split(/^## /m)[0] ?? '';
      const answers = (selfCheck.match(/<details>/g) ?? []).length;
      const reading = topic.body.split(/^## Further reading\s*$/m)[1] ?? '';
      const links = (reading.match(/\]\(https:\/\//g) ?? []).length;
      if (diagrams < 1 || answers < 3 || answers > 5 || links < 2) {
        wrong.push(`${topic.id}: ${diagrams} diagrams, ${answers} self-check answers, ${links} reading links`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('keeps every note between 600 and 1,800 words, reading lists aside', () => {
    const wrong = [...catalog.topics.values()]
      .map((topic) => ({ id: topic.id, words: teaching(topic.body).split(/\s+/).filter(Boolean).length }))
      .filter(({ words }) => words < 600 || words > 1800);
    assert.deepEqual(wrong, []);
  });

  it('says which versions every note teaches', () => {
    const missing = [...catalog.topics.values()].filter((topic) => topic.versions.length === 0).map((topic) => topic.id);
    assert.deepEqual(missing, []);
  });

  it('ends every note with the official sources its claims rest on', () => {
    const wrong: string[] = [];
    for (const topic of catalog.topics.values()) {
      const last = topic.headings[topic.headings.length - 1];
      const sources = topic.body.split(/^## Sources\s*$/m)[1] ?? '';
      const links = (sources.match(/\]\(https:\/\//g) ?? []).length;
      if (last !== 'Sources' || links < 2) {
        wrong.push(`${topic.id}: last section "${last ?? ''}", ${links} source links`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('pins links to versioned docs to a version instead of stable, latest, current or dev', () => {
    const unpinned: string[] = [];
    for (const topic of catalog.topics.values()) {
      for (const [url] of topic.body.matchAll(/https:\/\/[^\s)>\]]+/g)) {
        if (unpinnedDocs.some((pattern) => pattern.test(url))) {
          unpinned.push(`${topic.id}: ${url}`);
        }
      }
    }
    assert.deepEqual(unpinned, []);
  });

  it('shows the Django original beside its TypeScript port', () => {
    const missing = [...catalog.topics.values()].filter((topic) => !/^```python/m.test(topic.body) || !/^```(ts|typescript)\b/m.test(topic.body)).map((topic) => topic.id);
    assert.deepEqual(missing, []);
  });
});
