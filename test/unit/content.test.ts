import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCatalog } from '../../src/core/loadCatalog';
import type { Catalog } from '../../src/core/model';
import { renderNote } from '../../src/core/renderNote';
import { diskReader, fileUri } from '../harness/diskReader';
import { repoRoot } from '../harness/paths';

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

  for (const section of ['Learning goals', 'The idea', 'Django / DRF and the TypeScript port', 'Pitfalls', 'Self-check', 'Further reading']) {
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

  it('keeps every note between 600 and 1,500 words', () => {
    const wrong = [...catalog.topics.values()]
      .map((topic) => ({ id: topic.id, words: topic.body.split(/\s+/).filter(Boolean).length }))
      .filter(({ words }) => words < 600 || words > 1500);
    assert.deepEqual(wrong, []);
  });

  it('shows the Django original beside its TypeScript port', () => {
    const missing = [...catalog.topics.values()].filter((topic) => !/^```python/m.test(topic.body) || !/^```(ts|typescript)\b/m.test(topic.body)).map((topic) => topic.id);
    assert.deepEqual(missing, []);
  });
});
