import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from '../../src/core/schema/model';
import { repoRoot } from '../harness/paths';

export const SCHEMA_FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'schema');

/** Every file under a folder whose name matches, named relative to it (as the command line names them). */
export function readTree(root: string, pattern = /\.py$/): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (pattern.test(entry.name)) {
        files.push({ file: path.relative(root, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  walk(root);
  return files;
}
