/**
 * A link from the README to another file, relative to the README's folder, or undefined when the two are not on
 * the same file system (another scheme or host): an absolute path or a machine name must never reach the README.
 */
export function relativeLink(fromFile: string, toFile: string): string | undefined {
  let from: URL;
  let to: URL;
  try {
    from = new URL(fromFile);
    to = new URL(toFile);
  } catch {
    return undefined;
  }
  if (from.protocol !== to.protocol || from.host !== to.host) {
    return undefined;
  }
  const fromDir = from.pathname.split('/').slice(0, -1);
  const target = to.pathname.split('/');
  let common = 0;
  while (common < fromDir.length && common < target.length - 1 && fromDir[common] === target[common]) {
    common++;
  }
  const up = fromDir.slice(common).map(() => '..');
  const path = [...up, ...target.slice(common)].join('/');
  // Parentheses and spaces end a markdown link destination; the URL keeps spaces encoded already.
  return (up.length === 0 ? `./${path}` : path).replace(/\(/g, '%28').replace(/\)/g, '%29');
}
