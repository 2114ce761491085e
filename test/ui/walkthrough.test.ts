import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './support/workbench';
import { clickRow, pickRow, answerInput, quickInput, runCommand } from './support/palette';

const THEMES = [['Dark Modern', 'dark'], ['Light Modern', 'light'], ['Dark High Contrast', 'hc-dark'], ['Light High Contrast', 'hc-light']] as const;

describe('Get Started walkthrough', () => {
  let wb: Workbench;
  let hidAuxiliaryBar = false;
  before(async () => { wb = await openWorkbench(); });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`FAILED-walkthrough-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    // Leave the window as the next suite expects it.
    if (hidAuxiliaryBar) await runCommand(wb.page, 'View: Toggle Secondary Side Bar Visibility');
    await runCommand(wb.page, 'Preferences: Color Theme');
    await clickRow(wb.page, 'Dark Modern');
    await wb?.close();
  });

  it('opens from Welcome: Open Walkthrough and reads well in four themes', async () => {
    const { page } = wb;
    // Pictures show beside the steps only when the editor is wide enough: give it the window, as a reader would.
    if (await page.locator('.part.auxiliarybar').isVisible()) {
      await runCommand(page, 'View: Toggle Secondary Side Bar Visibility');
      await page.locator('.part.auxiliarybar').waitFor({ state: 'hidden' });
      hidAuxiliaryBar = true;
    }
    await runCommand(page, 'Welcome: Open Walkthrough...');
    await pickRow(page, 'Get started with BYOK');
    const walk = page.locator('.gettingStartedContainer');
    await walk.getByText('Add a key', { exact: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
    for (const title of ['Choose a model', 'Open the chat', 'Inline completions (optional)', 'See what you spend']) {
      await walk.getByText(title, { exact: true }).first().waitFor({ state: 'visible' });
    }
    // The step's picture is our SVG, which VS Code draws in a webview of its own (no extension id) in the theme's colours.
    const media = page.frameLocator('iframe.webview.ready[src*="extensionId=&"]').frameLocator('iframe#active-frame');
    await media.locator('svg').first().waitFor({ state: 'attached', timeout: 30_000 });
    assert.match(await media.locator('svg').first().innerHTML(), /Add OpenAI Key/);
    for (const [name, slug] of THEMES) {
      await runCommand(page, 'Preferences: Color Theme');
      await clickRow(page, name);
      await walk.getByText('Add a key', { exact: true }).first().waitFor({ state: 'visible' });
      await wb.screenshot(`40-walkthrough-${slug}`);
    }
  });

  it('the Add Key button starts Add Key, whose key box says how to make a least-privilege key', async () => {
    const { page } = wb;
    const walk = page.locator('.gettingStartedContainer');
    await walk.getByText('Add a key', { exact: true }).first().click();
    await walk.getByRole('button', { name: 'Add Key' }).first().click();
    await pickRow(page, 'OpenAI');
    await answerInput(page, /A name for this key/, 'least-privilege');
    const box = quickInput(page).filter({ hasText: /Fewest rights: a Restricted key in a project of its own/ });
    await box.waitFor({ state: 'visible' });
    const guide = quickInput(page).locator('[aria-label="How to make a key with the fewest rights"], [title="How to make a key with the fewest rights"]');
    assert.ok(await guide.count() > 0, 'the key box has a button that opens the provider\'s guide');
    await wb.screenshot('41-add-key-least-privilege');
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'hidden' });
  });
});
