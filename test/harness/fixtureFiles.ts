import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every file under `root`, by its path relative to it (with `/`), as a workbench's `workspaceFiles` takes them. */
export function filesUnder(root: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files[prefix + path.relative(root, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  }
  return files;
}
