import * as vscode from 'vscode';
import { displayName } from '../core/loadCatalog';
import type { Category, Problem, Topic } from '../core/model';
import { categoryProgress, isStudied, topicsLeft } from '../core/progress';
import type { CatalogService, LoadedCatalog } from './catalogService';
import type { ProgressStore } from './progressStore';

export type TopicNode =
  | { kind: 'category'; category: Category }
  | { kind: 'topic'; topic: Topic }
  | { kind: 'problems'; problems: Problem[] }
  | { kind: 'problem'; problem: Problem };

export const FILTERED_CONTEXT = 'nexus.topicsFiltered';

/** Cards due for review per topic, shown beside each category. */
export interface DueCounts {
  dueByTopic(): ReadonlyMap<string, number>;
  readonly onDidChange: vscode.Event<void>;
}
export const EMPTY_CONTEXT = 'nexus.catalogEmpty';

/** Categories → topics with progress checkboxes, a live filter, and content problems shown in place. */
export class TopicTreeProvider implements vscode.TreeDataProvider<TopicNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TopicNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filter = '';
  private matches: ReadonlySet<string> | undefined;
  private readonly nodes = new WeakMap<Category | Topic, TopicNode>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  view: vscode.TreeView<TopicNode> | undefined;
  private due: DueCounts | undefined;
  private dueNow: ReadonlyMap<string, number> = new Map();

  constructor(
    private readonly catalog: CatalogService,
    private readonly progress: ProgressStore,
  ) {
    this.disposables.push(
      catalog.onDidChange((loaded) => {
        this.applyFilter(loaded);
        this.refresh();
      }),
      progress.onDidChange(() => this.refresh()),
    );
  }

  showDueCounts(due: DueCounts): void {
    this.due = due;
    this.disposables.push(due.onDidChange(() => this.refreshDueCounts()));
    this.refreshDueCounts();
  }

  refreshDueCounts(): void {
    const next = this.due?.dueByTopic() ?? new Map<string, number>();
    if ([...next].some(([id, count]) => this.dueNow.get(id) !== count) || [...this.dueNow.keys()].some((id) => !next.has(id))) {
      this.dueNow = next;
      this.refresh();
    }
  }

  get filterText(): string {
    return this.filter;
  }

  async setFilter(text: string): Promise<void> {
    this.filter = text.trim();
    this.applyFilter(await this.catalog.get());
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, this.filter !== '');
    this.refresh();
  }

  private applyFilter(loaded: LoadedCatalog): void {
    this.matches = this.filter === '' ? undefined : new Set(loaded.search.search(this.filter, Number.MAX_SAFE_INTEGER).map((hit) => hit.topic.id));
  }

  private refresh(): void {
    this.changed.fire(undefined);
    void this.updateChrome();
  }

  /** The view's badge (topics left to study) and message (the active filter). */
  private async updateChrome(): Promise<void> {
    const view = this.view;
    if (!view) {
      return;
    }
    const { catalog } = await this.catalog.get();
    const left = topicsLeft(catalog, this.progress.get());
    view.badge = left > 0 ? { value: left, tooltip: `${left} of ${catalog.topics.size} topics left to study` } : undefined;
    view.message = this.matches
      ? this.matches.size === 0
        ? `No topic matches "${this.filter}".`
        : `Filtered by "${this.filter}": ${this.matches.size} of ${catalog.topics.size} topics.`
      : undefined;
  }

  async getChildren(node?: TopicNode): Promise<TopicNode[]> {
    const [{ catalog }] = await Promise.all([this.catalog.get(), this.progress.ready()]);
    if (!node) {
      void vscode.commands.executeCommand('setContext', EMPTY_CONTEXT, catalog.topics.size === 0 && catalog.problems.length === 0);
      if (!this.view?.badge) {
        void this.updateChrome();
      }
      const roots: TopicNode[] = [];
      if (catalog.problems.length > 0 && !this.matches) {
        roots.push({ kind: 'problems', problems: catalog.problems });
      }
      for (const category of catalog.categories) {
        if (!this.matches || category.topics.some((topic) => this.matches?.has(topic.id))) {
          roots.push(this.categoryNode(category));
        }
      }
      return roots;
    }
    switch (node.kind) {
      case 'category':
        return node.category.topics.filter((topic) => !this.matches || this.matches.has(topic.id)).map((topic) => this.topicNode(topic));
      case 'problems':
        return node.problems.map((problem) => ({ kind: 'problem', problem }));
      default:
        return [];
    }
  }

  getParent(node: TopicNode): TopicNode | undefined {
    if (node.kind === 'topic') {
      const category = this.catalog.current?.catalog.categories.find((c) => c.id === node.topic.category);
      return category ? this.categoryNode(category) : undefined;
    }
    return undefined;
  }

  /** The node of a topic, for reveal. */
  nodeFor(topic: Topic): TopicNode {
    return this.topicNode(topic);
  }

  private categoryNode(category: Category): TopicNode {
    return this.remember(category, () => ({ kind: 'category', category }));
  }

  private topicNode(topic: Topic): TopicNode {
    return this.remember(topic, () => ({ kind: 'topic', topic }));
  }

  /** One node per catalog object, so reveal and getParent hand VS Code the nodes it already knows. */
  private remember(key: Category | Topic, make: () => TopicNode): TopicNode {
    let node = this.nodes.get(key);
    if (!node) {
      node = make();
      this.nodes.set(key, node);
    }
    return node;
  }

  getTreeItem(node: TopicNode): vscode.TreeItem {
    switch (node.kind) {
      case 'category': {
        const { done, total } = categoryProgress(node.category, this.progress.get());
        // A filtered view shows its matches expanded; another id keeps the learner's own expansion state apart.
        const item = new vscode.TreeItem(
          node.category.title,
          this.matches ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = `category:${node.category.id}${this.matches ? ':filtered' : ''}`;
        item.iconPath = new vscode.ThemeIcon(node.category.icon);
        const due = node.category.topics.reduce((sum, topic) => sum + (this.dueNow.get(topic.id) ?? 0), 0);
        item.description = due > 0 ? `${done}/${total} · ${due} due` : `${done}/${total}`;
        item.contextValue = 'category';
        item.accessibilityInformation = { label: `${node.category.title}, ${done} of ${total} studied${due > 0 ? `, ${due} due for review` : ''}` };
        return item;
      }
      case 'topic': {
        const studied = isStudied(this.progress.get(), node.topic.id);
        const item = new vscode.TreeItem(node.topic.title, vscode.TreeItemCollapsibleState.None);
        item.id = `topic:${node.topic.id}`;
        item.description = node.topic.level;
        item.checkboxState = studied ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
        item.contextValue = ['topic', studied ? 'studied' : 'unstudied', node.topic.source].join('.');
        item.command = { command: 'nexus.openTopic', title: 'Open Topic', arguments: [node] };
        item.accessibilityInformation = { label: `${node.topic.title}, ${studied ? 'studied' : 'not studied'}` };
        return item;
      }
      case 'problems': {
        const errors = node.problems.filter((problem) => problem.severity === 'error').length;
        const item = new vscode.TreeItem(
          `${node.problems.length} content problem${node.problems.length === 1 ? '' : 's'}`,
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = 'problems';
        item.iconPath = new vscode.ThemeIcon(errors > 0 ? 'error' : 'warning', new vscode.ThemeColor(errors > 0 ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground'));
        item.tooltip = 'Notes that could not be read as they are. Click a problem to open its file at the line.';
        item.contextValue = 'problems';
        return item;
      }
      case 'problem': {
        const { problem } = node;
        const item = new vscode.TreeItem(problem.message, vscode.TreeItemCollapsibleState.None);
        item.description = `${displayName(problem.file)}:${problem.line}`;
        item.iconPath = new vscode.ThemeIcon(problem.severity, new vscode.ThemeColor(problem.severity === 'error' ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground'));
        item.tooltip = new vscode.MarkdownString().appendText(`${displayName(problem.file)}:${problem.line}\n\n${problem.message}`);
        item.contextValue = 'problem';
        item.command = {
          command: 'vscode.open',
          title: 'Open File at Line',
          arguments: [vscode.Uri.parse(problem.file), { selection: new vscode.Range(problem.line - 1, 0, problem.line - 1, 0) }],
        };
        return item;
      }
    }
  }

  /** Tooltips are built only when hovered. */
  resolveTreeItem(item: vscode.TreeItem, node: TopicNode): vscode.TreeItem {
    if (node.kind === 'topic') {
      const { topic } = node;
      const titles = (ids: string[]): string =>
        ids.map((id) => this.catalog.current?.catalog.topics.get(id)?.title ?? id).join(', ');
      const tooltip = new vscode.MarkdownString();
      tooltip.appendMarkdown(`**${escapeMarkdown(topic.title)}**\n\n`);
      if (topic.summary) {
        tooltip.appendText(`${topic.summary}\n\n`);
      }
      tooltip.appendMarkdown(`*Level:* ${topic.level}`);
      if (topic.prerequisites.length > 0) {
        tooltip.appendMarkdown(`\n\n*Before this:* ${escapeMarkdown(titles(topic.prerequisites))}`);
      }
      if (topic.tags.length > 0) {
        tooltip.appendMarkdown(`\n\n*Tags:* ${escapeMarkdown(topic.tags.join(', '))}`);
      }
      const linkers = this.catalog.current?.linkedFrom(topic.id).length ?? 0;
      if (linkers > 0) {
        tooltip.appendMarkdown(`\n\n*Linked from:* ${linkers} ${linkers === 1 ? 'note' : 'notes'}`);
      }
      if (topic.versions.length > 0) {
        tooltip.appendMarkdown(`\n\n*Teaches:* ${escapeMarkdown(topic.versions.join(', '))}`);
      }
      item.tooltip = tooltip;
    }
    return item;
  }

  dispose(): void {
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
