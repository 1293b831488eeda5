import * as vscode from 'vscode';
import type { Topic } from '../core/model';
import type { CatalogService } from './catalogService';

interface TopicPick extends vscode.QuickPickItem {
  topic: Topic;
}

/**
 * `Nexus: Go to Topic…`: core's ranked search over titles, tags, summaries, headings and body text. Results
 * are always shown in core's order; VS Code highlights the typed words in the title and the matching passage.
 */
export async function goToTopic(catalog: CatalogService, open: (topic: Topic) => Thenable<unknown>): Promise<void> {
  const loaded = await catalog.get();
  // The search index is built on first use (the tree does not need it): build it before the picker shows, so the
  // first keystroke's results replace the list at once rather than while the learner already clicks a row.
  const search = loaded.search;
  const pick = vscode.window.createQuickPick<TopicPick>();
  pick.placeholder = 'Search topics by title, tag, heading or text';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  const categoryTitle = new Map(loaded.catalog.categories.map((category) => [category.id, category.title]));
  const browse = (): TopicPick[] =>
    loaded.catalog.categories.flatMap((category) =>
      category.topics.map((topic) => ({ topic, label: topic.title, description: category.title, detail: topic.summary || undefined })),
    );
  const update = (value: string): void => {
    pick.items =
      value.trim() === ''
        ? browse()
        : search.search(value).map((hit) => ({
            topic: hit.topic,
            label: hit.topic.title,
            description: [categoryTitle.get(hit.topic.category), hit.topic.tags.join(', ')].filter(Boolean).join(' · '),
            detail: hit.field === 'title' ? hit.topic.summary || undefined : hit.excerpt,
            alwaysShow: true,
          }));
  };
  update('');
  pick.onDidChangeValue(update);
  const chosen = await new Promise<Topic | undefined>((resolve) => {
    pick.onDidAccept(() => resolve((pick.selectedItems[0] ?? pick.activeItems[0])?.topic));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (chosen) {
    await open(chosen);
  }
}
