import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalog } from '../../src/core/loadCatalog';
import { diskReader, fileUri } from '../harness/diskReader';
import { freshTempDir } from '../harness/paths';

/**
 * A bundled note in a folder categories.yaml does not list is named in the Problems panel with what to do. When
 * categories.yaml gives no categories at all there is no list to choose from, and the message must not offer one.
 * `categoriesYaml` is the file's text, or 'missing' (no file) or 'unreadable' (a folder in its place).
 */
async function unknownCategoryMessages(categoriesYaml: string): Promise<string[]> {
  const content = freshTempDir('categories');
  try {
    fs.mkdirSync(path.join(content, 'topics', 'data'), { recursive: true });
    fs.writeFileSync(path.join(content, 'topics', 'data', 'orm.md'), '---\ntitle: The ORM\n---\n\nBody.\n');
    if (categoriesYaml === 'unreadable') {
      // A folder where the file should be: readFile fails (EISDIR) the way an unreadable file does.
      fs.mkdirSync(path.join(content, 'categories.yaml'));
    } else if (categoriesYaml !== 'missing') {
      fs.writeFileSync(path.join(content, 'categories.yaml'), categoriesYaml);
    }
    const catalog = await loadCatalog(diskReader, { bundled: fileUri(content), user: [] });
    // The message names categories.yaml by its folder and name; the folder is a fresh temp folder each time.
    return catalog.problems
      .filter((problem) => problem.message.startsWith('Unknown category'))
      .map((problem) => `${path.basename(problem.file)}:${problem.line} ${problem.message.replaceAll(path.basename(content), '<content>')}`);
  } finally {
    fs.rmSync(content, { recursive: true, force: true });
  }
}

describe('a bundled note whose folder is no category', () => {
  const noCategories =
    "orm.md:1 Unknown category `data` (the note's folder): no categories could be read from <content>/categories.yaml (missing, unreadable or without a valid entry); add `data` to it.";

  for (const [label, yaml] of [
    ['categories.yaml is missing', 'missing'],
    ['categories.yaml cannot be read', 'unreadable'],
    ['categories.yaml is an empty list', '[]\n'],
    ['categories.yaml has no valid entry', '- id: data\n  title: Data\n'],
  ] as const) {
    it(`says no categories could be read, without an empty list to pick from, when ${label}`, async () => {
      assert.deepEqual(await unknownCategoryMessages(yaml), [noCategories]);
    });
  }

  it('still lists the categories to choose from when categories.yaml has some', async () => {
    const categories = '- id: foundations\n  title: Foundations\n  icon: book\n  order: 1\n- id: security\n  title: Security\n  icon: shield\n  order: 2\n';
    assert.deepEqual(await unknownCategoryMessages(categories), [
      "orm.md:1 Unknown category `data` (the note's folder): use one of foundations, security, or add it to <content>/categories.yaml.",
    ]);
  });
});
