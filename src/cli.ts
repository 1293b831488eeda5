import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSchemaFile, isSkippedFolder } from './core/schema/files';
import { parseSchema, toJson, toMermaid, type SourceFile } from './core/schema/index';

/**
 * `npm run schema -- <files or folders…> [--format json|mermaid] [--physical]`: the schema the Visualize Schema
 * panel draws, printed for CI and READMEs. Exits 1 when a file has a problem (a syntax error, an unknown model),
 * 2 on a usage error.
 */

const USAGE = 'Usage: npm run schema -- <files or folders…> [--format json|mermaid] [--physical]';

function collect(target: string, into: SourceFile[], cwd: string): void {
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    into.push({ file: path.relative(cwd, target).split(path.sep).join('/'), text: fs.readFileSync(target, 'utf8') });
    return;
  }
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!isSkippedFolder(entry.name)) {
          walk(full);
        }
      } else if (isSchemaFile(path.relative(target, full))) {
        into.push({ file: path.relative(cwd, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  walk(target);
}

export async function main(argv: string[], cwd = process.cwd(), out = process.stdout, err = process.stderr): Promise<number> {
  const targets: string[] = [];
  let format = 'json';
  let physical = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--format' || arg.startsWith('--format=')) {
      format = arg.includes('=') ? arg.slice('--format='.length) : (argv[++index] ?? '');
    } else if (arg === '--physical') {
      physical = true;
    } else if (arg === '--help' || arg === '-h') {
      out.write(`${USAGE}\n`);
      return 0;
    } else {
      targets.push(arg);
    }
  }
  if (targets.length === 0 || !['json', 'mermaid'].includes(format)) {
    err.write(`${USAGE}\n`);
    return 2;
  }
  const files: SourceFile[] = [];
  for (const target of targets) {
    const full = path.resolve(cwd, target);
    if (!fs.existsSync(full)) {
      err.write(`${target}: no such file or folder\n`);
      return 2;
    }
    collect(full, files, cwd);
  }
  const model = await parseSchema(files);
  if (format === 'mermaid') {
    out.write(`${toMermaid(model, { physical }).source}\n`);
    for (const problem of [...model.problems, ...model.skipped.map((skip) => ({ ...skip, message: `skipped: ${skip.message}` }))]) {
      err.write(`${problem.file}:${problem.line}: ${problem.message}\n`);
    }
  } else {
    out.write(`${JSON.stringify(toJson(model), null, 2)}\n`);
  }
  return model.problems.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
