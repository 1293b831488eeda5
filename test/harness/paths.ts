import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root: the nearest folder above this file whose package.json is Nexus's own. */
function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'project-nexus') {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`No project-nexus package.json above ${start}`);
    }
  }
}

export const repoRoot = findRoot(__dirname);

/** Ignored folder for downloads that must survive between runs (code-server). */
export const cacheDir = process.env.NEXUS_CACHE_DIR ?? path.join(repoRoot, '.cache');

/** Ignored folder for screenshots and logs that a person looks at after a run. */
export const artifactsDir = path.join(repoRoot, '.artifacts');

export function vsixPath(): string {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return path.join(repoRoot, `${name}-${version}.vsix`);
}

/** A fresh empty folder under the OS temp dir, removed by the caller. */
export function freshTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), `nexus-${prefix}-`));
}

/** The shared notes that try to break Nexus; beside the checkout in CI, or wherever NEXUS_HOSTILE_CORPUS says. */
export const hostileCorpusDir = process.env.NEXUS_HOSTILE_CORPUS ?? path.join(repoRoot, '..', 'shared', 'corpus', 'hostile');
