import * as assert from 'node:assert/strict';
import { Workbench } from '../harness/workbench';

describe('Nexus in VS Code in the browser', () => {
  let workbench: Workbench;
  before(async () => {
    workbench = await Workbench.open();
  });
  after(async () => {
    await workbench?.close();
  });

  it('shows the Nexus container with its Topics view', async () => {
    await workbench.openNexus();
    await workbench.treeItem('Hello').waitFor();
    await workbench.screenshot('foundation-topics');
  });

  it('runs a command from the palette', async () => {
    await workbench.runCommand('Nexus: Go to Topic…');
    await workbench.notification('Go to Topic').waitFor();
    assert.ok(await workbench.notification('Go to Topic').isVisible());
  });
});
