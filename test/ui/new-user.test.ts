// A newcomer's first minutes with the demo provider (npm start -- --demo), typed as a user would: a wrong
// key fixed from the failure without retyping the host, the picker found by "key-name model" words,
// a Markdown answer streamed at a model's pace, and the busy model's error card.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { answerInput, notification, pickRow, quickInput, quickRows, runCommand } from './support/palette';
import { chatFrame, openWorkbench, type Workbench } from './support/workbench';

const demoHost = (): string => `${process.env.BYOK_SIMULATOR_URL ?? ''}/demo/v1`;

async function send(page: Page, text: string): Promise<void> {
  const composer = chatFrame(page).getByTestId('composer');
  await composer.click();
  await composer.fill(text);
  await composer.press('Enter');
}

/** A notification's text: its toast, or (toasts hidden by Do Not Disturb, or piled up) the notification center's entry. */
async function notice(page: Page, text: string): Promise<string> {
  const toast = notification(page, text);
  try {
    await toast.waitFor({ state: 'visible', timeout: 15_000 });
    return await toast.innerText();
  } catch {
    await runCommand(page, 'Notifications: Show Notifications');
    const entry = page.locator('.notifications-center .notification-list-item').filter({ hasText: text });
    await entry.waitFor({ state: 'visible', timeout: 30_000 });
    const got = await entry.innerText();
    await page.keyboard.press('Escape');
    return got;
  }
}

const assistant = (page: Page) => chatFrame(page).locator('[data-testid="message"][data-role="assistant"]');

describe('new user with the demo provider', () => {
  let wb: Workbench;
  before(async () => { wb = await openWorkbench(); });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`FAILED-new-user-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => { await wb?.close(); });

  it('a wrong demo key fails with the real invalid-key error, and is fixed from the failure with the host kept', async () => {
    const { page } = wb;
    await runCommand(page, 'BYOK: Add Key');
    await pickRow(page, 'Custom OpenAI-compatible host');
    await answerInput(page, /A name for this key/, 'playground');
    await answerInput(page, /API key/, 'demo-key-wrong');
    await answerInput(page, /The URL of your/, demoHost());
    const failed = notification(page, /The key was not saved\. .*Incorrect API key/);
    await failed.waitFor({ state: 'visible', timeout: 30_000 });
    await wb.screenshot('new-user-01-wrong-key');
    await failed.getByRole('button', { name: 'Edit Host or Key' }).click();
    // The host comes back pre-filled: Enter keeps it.
    const hostBox = quickInput(page).filter({ hasText: /: host/ });
    await hostBox.waitFor({ state: 'visible' });
    assert.equal(await hostBox.locator('input').inputValue(), demoHost());
    await page.keyboard.press('Enter');
    await answerInput(page, /The key you entered is kept/, 'demo-key-that-works');
    assert.match(await notice(page, 'Saved "playground"'), /3 models available/);
    await wb.screenshot('new-user-02-key-fixed');
    await runCommand(page, 'Notifications: Clear All Notifications');
  });

  it('the picker finds a model by "key-name model" words', async () => {
    const { page } = wb;
    await runCommand(page, 'BYOK: Select Chat Model');
    await quickRows(page).filter({ hasText: 'Demo Writer' }).waitFor({ state: 'visible' });
    await quickInput(page).locator('input').fill('playground fast');
    const rows = quickRows(page).filter({ hasText: 'playground' });
    await rows.filter({ hasText: 'Demo Fast' }).waitFor({ state: 'visible' });
    await rows.filter({ hasText: 'Demo Writer' }).waitFor({ state: 'hidden' });
    const shown = await rows.allInnerTexts();
    assert.equal(shown.length, 1, `one row: ${JSON.stringify(shown)}`);
    assert.match(shown[0] ?? '', /^Demo Fast/);
    await wb.screenshot('new-user-03-picker-words');
    await quickInput(page).locator('input').fill('playground writer');
    await rows.filter({ hasText: 'Demo Writer' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
  });

  it('the demo streams a Markdown answer at a model\'s pace, and the busy model shows its rate-limit card', async () => {
    const { page } = wb;
    await runCommand(page, 'BYOK: Open Chat');
    await chatFrame(page).getByTestId('composer').waitFor({ state: 'visible', timeout: 30_000 });
    await send(page, 'Show me a table of sorting algorithms');
    const answer = assistant(page).last();
    await answer.locator('[data-testid="message-body"]').filter({ hasText: 'Sorting' }).waitFor();
    // Still streaming when the first words are on screen: Stop has time to act.
    await chatFrame(page).getByTestId('stop').waitFor({ state: 'visible' });
    await wb.screenshot('new-user-04-demo-streaming');
    await answer.and(chatFrame(page).locator('[data-status="complete"]')).waitFor({ timeout: 30_000 });
    assert.equal(await answer.locator('table tr').count(), 6, 'a header and five rows');
    // Cells wrap at spaces, never inside a word ("Algori thm"), however narrow the sidebar.
    const header = answer.locator('table th').first();
    const box = await header.boundingBox();
    const lineHeight = await header.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
    assert.ok(box && box.height < lineHeight * 1.8, `"Algorithm" stays on one line (${box?.height ?? 0}px tall)`);
    await wb.screenshot('new-user-05-demo-table');

    await runCommand(page, 'BYOK: Select Chat Model');
    await quickInput(page).locator('input').fill('playground busy');
    await quickRows(page).filter({ hasText: 'Demo Busy' }).waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await send(page, 'hello?');
    const card = assistant(page).last().getByTestId('error-card');
    await card.waitFor({ timeout: 60_000 });
    assert.match((await card.textContent()) ?? '', /429/);
    await card.scrollIntoViewIfNeeded();
    await wb.screenshot('new-user-06-demo-busy');
  });
});
