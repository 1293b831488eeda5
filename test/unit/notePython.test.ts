import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { freshTempDir, repoRoot } from '../harness/paths';

/**
 * The Python the notes teach, checked with Debian's real interpreter and frameworks (/usr/bin/python3 with
 * Django 3.2, DRF 3.14, django-filter and simplejwt; the pyenv `python3` first on PATH has none of them).
 *
 * Convention for note authors: a ```python block whose first line is a file-path comment (`# blog/views.py`)
 * is that file of the note's project; a later line that is only a path comment starts the next file of the
 * same block. Those files, laid over the small support apps in test/notes-python/support, are what
 * test/notes-python/note_tests/test_<note>.py imports and exercises.
 */

const python = '/usr/bin/python3';
const projectDir = path.join(repoRoot, 'test', 'notes-python');
const topicsDir = path.join(repoRoot, 'content', 'topics');
const requiredModules = ['django', 'rest_framework', 'django_filters', 'rest_framework_simplejwt', 'psycopg2'];
const debianPackages =
  'python3-django python3-djangorestframework python3-django-filters python3-djangorestframework-simplejwt python3-psycopg2';

interface PythonBlock {
  /** The note, relative to the repository root. */
  file: string;
  /** 1-based line of the block's first code line in the note. */
  line: number;
  code: string;
}

interface SyntaxReport {
  checked: number;
  failures: { file: string; line: number; message: string }[];
}

const markdown = new MarkdownIt();

function pythonBlocks(file: string, text: string): PythonBlock[] {
  return markdown
    .parse(text, {})
    .filter((token) => token.type === 'fence' && token.info.trim().split(/\s+/)[0] === 'python' && token.map)
    .map((token) => ({ file, line: token.map![0] + 2, code: token.content }));
}

function noteFiles(): string[] {
  return fs
    .readdirSync(topicsDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.posix.join('content', 'topics', name.split(path.sep).join('/')))
    .sort();
}

function blocksOf(note: string): PythonBlock[] {
  return pythonBlocks(note, fs.readFileSync(path.join(repoRoot, note), 'utf8'));
}

function runPython(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  // No __pycache__ folders in the work tree.
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  const result = spawnSync(python, args, { cwd: projectDir, env, input, encoding: 'utf8', timeout: 120_000 });
  if (result.error) {
    throw new Error(`${python} could not run (${result.error.message}); install Debian's python3 and ${debianPackages}`);
  }
  return result;
}

function checkSyntax(blocks: PythonBlock[]): SyntaxReport {
  const result = runPython(['check_syntax.py'], JSON.stringify(blocks));
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as SyntaxReport;
}

const FILE_COMMENT = /^# ((?:[\w-]+\/)*[\w-]+\.py)$/;

/** The files a note's blocks spell out, path to source; a path named twice continues the same file. */
function projectFiles(blocks: PythonBlock[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const block of blocks) {
    const lines = block.code.split('\n');
    if (!FILE_COMMENT.test(lines[0])) {
      continue;
    }
    let current = '';
    for (const line of lines) {
      current = FILE_COMMENT.exec(line)?.[1] ?? current;
      files.set(current, `${files.get(current) ?? ''}${line}\n`);
    }
  }
  return files;
}

/** Lays the support apps, then the note's files over them, into a fresh folder; every folder is a package. */
function materialise(files: Map<string, string>): string {
  const root = freshTempDir('notes-python');
  fs.cpSync(path.join(projectDir, 'support'), root, { recursive: true });
  for (const [file, source] of files) {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, source);
    for (let dir = path.dirname(target); dir !== root; dir = path.dirname(dir)) {
      const init = path.join(dir, '__init__.py');
      if (!fs.existsSync(init)) {
        fs.writeFileSync(init, '');
      }
    }
  }
  return root;
}

let frameworks: string | undefined;
/** Throws (never skips) when Debian's Python or its Django packages are missing. */
function requireFrameworks(): void {
  frameworks ??= (() => {
    const result = runPython(['-c', `import ${requiredModules.join(', ')}`]);
    return result.status === 0 ? '' : `${python} lacks ${requiredModules.join(', ')}: apt-get install ${debianPackages}\n${result.stderr}`;
  })();
  if (frameworks) {
    throw new Error(frameworks);
  }
}

describe('the python in the notes', function () {
  this.timeout(120_000);

  it('parses every ```python block of every note with Debian\'s Python 3, in one interpreter', () => {
    const blocks = noteFiles().flatMap(blocksOf);
    assert.ok(blocks.length >= 70, `only ${blocks.length} python blocks found: is the fence detection broken?`);
    const report = checkSyntax(blocks);
    assert.equal(report.checked, blocks.length);
    assert.deepEqual(report.failures.map(({ file, line, message }) => `${file}:${line} ${message}`), []);
  });

  it('names the note and the line when a block does not parse, even inside a list item', () => {
    const note = ['---', 'id: broken', '---', '', '1. A step:', '', '   ```python', '   x = 1', '   def f(:', '   ```', ''].join('\n');
    const blocks = pythonBlocks('content/topics/demo/broken.md', note);
    assert.deepEqual(blocks.map((block) => block.line), [8]);
    const report = checkSyntax(blocks);
    assert.deepEqual(report.failures.map(({ file, line }) => `${file}:${line}`), ['content/topics/demo/broken.md:9']);
    assert.match(report.failures[0].message, /python block starting at line 8/);
  });

  it('splits a block into the files its path comments name', () => {
    const blocks: PythonBlock[] = [
      { file: 'n.md', line: 1, code: '# shop/models.py\nA = 1\n\n# config/urls.py\nB = 2\n' },
      { file: 'n.md', line: 9, code: 'C = 3  # no path comment first: not a file\n' },
      { file: 'n.md', line: 12, code: '# shop/models.py\nD = 4\n' },
    ];
    assert.deepEqual(Object.fromEntries(projectFiles(blocks)), {
      'shop/models.py': '# shop/models.py\nA = 1\n\n# shop/models.py\nD = 4\n\n',
      'config/urls.py': '# config/urls.py\nB = 2\n\n',
    });
  });
});

/**
 * Notes whose DRF code runs, with the files each must provide (dropping a path comment must fail here, not
 * silently fall back to a support module). Debian ships Django 3.2 and DRF 3.14 while the notes teach Django
 * 5.2 and DRF 3.16; the test modules say where an API differs.
 */
const runnableNotes: { note: string; files: string[] }[] = [
  { note: 'rest-drf/serializers-validation', files: ['bookings/serializers.py', 'bookings/views.py'] },
  { note: 'rest-drf/views-viewsets-routers', files: ['articles/views.py', 'config/urls.py'] },
  { note: 'rest-drf/pagination-filtering', files: ['settings.py', 'catalog/api.py'] },
  { note: 'rest-drf/versioning-throttling-errors', files: ['config/settings.py', 'config/urls.py', 'orders/views.py', 'core/errors.py'] },
  { note: 'rest-drf/requests-responses-negotiation', files: ['reports/renderers.py', 'reports/views.py'] },
  { note: 'rest-drf/rest-design', files: ['blog/api.py', 'config/urls.py'] },
  { note: 'security/permissions', files: ['blog/permissions.py', 'blog/views.py'] },
];

describe('the DRF code the notes teach, run on Debian\'s Django and DRF', function () {
  this.timeout(120_000);

  it('has a Python test module for exactly the runnable notes', () => {
    const modules = fs.readdirSync(path.join(projectDir, 'note_tests')).filter((name) => /^test_.*\.py$/.test(name)).sort();
    assert.deepEqual(modules, runnableNotes.map(({ note }) => `test_${path.basename(note).replace(/-/g, '_')}.py`).sort());
  });

  for (const { note, files } of runnableNotes) {
    it(`runs ${note}`, () => {
      requireFrameworks();
      const noteFile = `content/topics/${note}.md`;
      const written = projectFiles(blocksOf(noteFile));
      assert.deepEqual(files.filter((file) => !written.has(file)), [], `${noteFile} no longer spells out these files`);
      const root = materialise(written);
      try {
        const module = `note_tests.test_${path.basename(note).replace(/-/g, '_')}`;
        const result = runPython(['run.py', root, module]);
        assert.equal(result.status, 0, `${noteFile}: its Python tests failed\n${result.stderr}${result.stdout}`);
        assert.match(result.stderr, /^Ran [1-9]\d* tests? in/m);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});
