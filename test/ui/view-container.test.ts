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
    const heading = chatFrame(wb.page).locator('h2');
    await heading.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await heading.textContent(), 'BYOK Chat');
    assert.match(await chatFrame(wb.page).locator('.version').textContent() ?? '', /^BYOK \d+\.\d+\.\d+$/);
    await wb.screenshot('01-byok-view-container');
  });
});
