// Placeholder entry until the note panel lands: proves the webview bundle builds and splits mermaid lazily.
export async function renderDiagrams(root: HTMLElement): Promise<void> {
  const blocks = root.querySelectorAll<HTMLElement>('.nexus-diagram');
  if (blocks.length === 0) {
    return;
  }
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  await mermaid.run({ nodes: Array.from(blocks) });
}
