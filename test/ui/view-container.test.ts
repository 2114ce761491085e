import * as assert from 'node:assert/strict';
import { chatFrame, openWorkbench, type Workbench } from './support/workbench';

describe('BYOK view container', () => {
  let wb: Workbench;
  before(async () => { wb = await openWorkbench(); });
  after(async () => { await wb?.close(); });

  it('opens from the activity bar and shows the chat view', async () => {
    const icon = wb.page.locator('.activitybar .action-item a[aria-label^="BYOK"]');
    await icon.waitFor({ state: 'visible', timeout: 30_000 });
    await icon.click();
    const title = wb.page.locator('.sidebar .composite.title h2');
    await title.filter({ hasText: 'BYOK' }).waitFor({ state: 'visible' });
    // A fresh install has no key yet: the chat explains how to start.
    const empty = chatFrame(wb.page).getByTestId('empty-state');
    await empty.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await empty.textContent() ?? '', /Add a key/i);
    await wb.screenshot('01-byok-view-container');
  });
});
