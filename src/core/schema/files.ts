/**
 * Which files of a folder hold a schema, by name, so the command line and the panel read the same ones: Django's
 * models, settings (AUTH_USER_MODEL) and app configs, SQL, Prisma, and TypeScript that may define drizzle tables
 * (whether it does is decided by its imports once read). Virtual environments, dependencies and migrations stay out.
 */

export const SCHEMA_INCLUDE = '**/{models.py,models/*.py,settings.py,settings/*.py,apps.py,*.sql,*.prisma,*schema*.ts,schema/**/*.ts,db/**/*.ts}';
export const SCHEMA_EXCLUDE = '**/{node_modules,.git,.venv,venv,env,__pycache__,site-packages,dist,out,build,.tox}/**';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.venv', 'venv', 'env', '__pycache__', 'site-packages', 'dist', 'out', 'build', '.tox']);

/** Whether a file found by walking a folder is read (a file named explicitly is read whatever its name). */
export function isSchemaFile(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  const name = parts[parts.length - 1];
  const folder = parts[parts.length - 2];
  if (parts.slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part))) {
    return false;
  }
  if (name.endsWith('.py')) {
    return ['models.py', 'settings.py', 'apps.py'].includes(name) || folder === 'models' || folder === 'settings';
  }
  if (/\.(sql|prisma)$/.test(name)) {
    return true;
  }
  return /\.ts$/.test(name) && !name.endsWith('.d.ts') && (name.includes('schema') || parts.includes('schema') || parts.includes('db'));
}

export function isSkippedFolder(name: string): boolean {
  return SKIPPED_FOLDERS.has(name);
}
