import * as vscode from 'vscode';
import { childPath, displayName } from '../core/loadCatalog';
import { drfOriginal, loadSnippetCatalog, type SnippetGroup } from '../core/snippets/snippetCatalog';
import { expandSnippet } from '../core/snippets/expandSnippet';
import type { SnippetDefinition } from '../core/snippets/loadSnippets';
import { workspaceReader } from './workspaceReader';

export type SnippetNode = { kind: 'group'; group: SnippetGroup } | { kind: 'snippet'; snippet: SnippetDefinition };

/** The `Snippets` view: the drf- snippets grouped by DRF concept; hover compares, click inserts. */
export class SnippetTreeProvider implements vscode.TreeDataProvider<SnippetNode> {
  private loading: Promise<SnippetGroup[]> | undefined;

  constructor(private readonly contentRoot: vscode.Uri) {}

  /** Loaded once, on first use. */
  groups(): Promise<SnippetGroup[]> {
    this.loading ??= loadSnippetCatalog(workspaceReader, childPath(this.contentRoot.toString(), 'snippets')).then(({ groups, problems }) => {
      for (const problem of problems) {
        void vscode.window.showWarningMessage(`Nexus snippets: ${displayName(problem.file)}:${problem.line}: ${problem.message}`);
      }
      return groups;
    });
    return this.loading;
  }

  async find(prefix: string): Promise<SnippetDefinition | undefined> {
    return (await this.groups()).flatMap((group) => group.snippets).find((snippet) => snippet.prefix.includes(prefix));
  }

  async getChildren(node?: SnippetNode): Promise<SnippetNode[]> {
    if (!node) {
      return (await this.groups()).map((group) => ({ kind: 'group', group }));
    }
    return node.kind === 'group' ? node.group.snippets.map((snippet) => ({ kind: 'snippet', snippet })) : [];
  }

  getTreeItem(node: SnippetNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.title, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `snippets:${node.group.id}`;
      item.iconPath = new vscode.ThemeIcon(node.group.icon);
      item.description = String(node.group.snippets.length);
      return item;
    }
    const { snippet } = node;
    const item = new vscode.TreeItem(snippet.prefix[0], vscode.TreeItemCollapsibleState.None);
    item.id = `snippet:${snippet.prefix[0]}`;
    item.description = drfOriginal(snippet);
    item.iconPath = new vscode.ThemeIcon('symbol-snippet');
    item.contextValue = 'snippet';
    item.command = { command: 'nexus.insertSnippet', title: 'Insert Snippet', arguments: [node] };
    return item;
  }

  /** The DRF original beside the TypeScript it becomes (defaults filled in), built only when hovered. */
  resolveTreeItem(item: vscode.TreeItem, node: SnippetNode): vscode.TreeItem {
    if (node.kind === 'snippet') {
      const { snippet } = node;
      const code = expandSnippet(snippet.body).text;
      const tooltip = new vscode.MarkdownString();
      tooltip.appendMarkdown(`**DRF:** \`${drfOriginal(snippet).replace(/`/g, "'")}\` → **TypeScript**\n\n`);
      tooltip.appendText(`${snippet.description}\n\n`);
      tooltip.appendCodeblock(code.length > 2500 ? `${code.slice(0, 2500)}\n// …` : code, 'typescript');
      item.tooltip = tooltip;
    }
    return item;
  }
}
