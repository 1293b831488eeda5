import { useWorkbench, type Workbench } from '../harness/workbench';

describe('the drf- snippets in VS Code in the browser', () => {
  let workbench: Workbench;
  useWorkbench({ workspaceFiles: { 'src/api.ts': '' }, settings: { 'workbench.colorTheme': 'Default Light Modern' } }, (opened) => (workbench = opened));
  before(() => workbench.openFile('src/api.ts'));

  const editorText = () => workbench.page.locator('.editor-instance .view-lines');

  it('offers drf- snippets while typing in a TypeScript file and inserts the accepted one', async () => {
    await editorText().click();
    await workbench.page.keyboard.type('drf-pagination-p');
    const suggestion = workbench.page.locator('.suggest-widget .monaco-list-row', { hasText: 'drf-pagination-page' });
    await suggestion.waitFor();
    await workbench.screenshot('snippets-suggest');
    await workbench.page.keyboard.press('Enter');
    await editorText().getByText('export interface Page<T> {').waitFor();
    await workbench.page.keyboard.press('Escape');
  });

  it('inserts a snippet from the Snippets view into the open editor', async () => {
    await workbench.page.keyboard.press('Control+End');
    await workbench.openNexus();
    const view = workbench.page.getByRole('tree', { name: 'Snippets' });
    await view.getByRole('treeitem', { name: /^Pagination/ }).click();
    await view.getByRole('treeitem', { name: /^drf-pagination-cursor/ }).click();
    await editorText().getByText(/CursorPagination/).first().waitFor();
    await workbench.page.keyboard.press('Escape');
    await view.getByRole('treeitem', { name: /^drf-pagination-limit-offset/ }).hover();
    await workbench.page.locator('.workbench-hover, .monaco-hover', { hasText: 'LimitOffsetPagination' }).filter({ visible: true }).first().waitFor();
    await workbench.screenshot('snippets-view');
  });
});

describe('a note’s snippets in VS Code in the browser', () => {
  let workbench: Workbench;
  useWorkbench({ settings: { 'workbench.colorTheme': 'Default Light Modern' } }, (opened) => (workbench = opened));

  it('lists them at the end of the note, and Insert puts one into a new TypeScript file', async () => {
    const frame = await workbench.goToTopic('Pagination, filtering');
    const insert = frame.locator('.nexus-snippets button[data-insert-snippet="drf-pagination-page"]');
    await insert.scrollIntoViewIfNeeded();
    await workbench.screenshot('note-snippets');
    await insert.click();
    await workbench.page.locator('.editor-instance .view-lines').getByText('export interface Page<T> {').waitFor();
  });
});
