import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { editReplies } from '../support/simulator/edit-replies';
import { addKeyByPalette, simControl, simRequests } from './support/keys';
import { answerInput, clickRow, quickInput, runCommand } from './support/palette';
import { chatFrame, openWorkbench, type Workbench } from './support/workbench';

const sim = (): string => process.env.BYOK_SIMULATOR_URL ?? '';
const HELLO = 'export function hello(name: string) {\n  return `Hello, ${name}`;\n}';
const REWRITE = 'export function hello(name: string): string {\n  return `Hello, ${name}!`;\n}';

/** The text the editor shows (Monaco renders non-breaking spaces). */
async function editorText(page: Page): Promise<string> {
  const lines = await page.locator('.editor-instance .view-lines .view-line').evaluateAll((els) =>
    els.map((e) => ({ top: parseFloat((e as HTMLElement).style.top) || 0, text: e.textContent ?? '' })).sort((a, b) => a.top - b.top).map((l) => l.text));
  return lines.map((l) => l.replace(/\u00a0/g, ' ')).join('\n').replace(/\n+$/, '');
}

async function openHello(page: Page): Promise<void> {
  await page.keyboard.press('Control+P');
  await quickInput(page).locator('input').fill('hello.ts');
  await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'hello.ts' }).first().click();
  await page.locator('.editor-instance .view-lines').filter({ hasText: 'export function hello' }).waitFor();
}

async function selectAll(page: Page): Promise<void> {
  await page.locator('.editor-instance .view-lines').click();
  await page.keyboard.press('Control+A');
}

async function theme(page: Page, name: string): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  await clickRow(page, name);
}

describe('edit selection and ask about selection', () => {
  let wb: Workbench;
  before(async () => {
    await simControl('reset', {});
    wb = await openWorkbench();
    await addKeyByPalette(wb.page, 'Custom OpenAI-compatible host', 'edits', 'sk-ui-edit-1', `${sim()}/v1`);
    await runCommand(wb.page, 'BYOK: Select Inline Model');
    await clickRow(wb.page, 'sim-model-1', 'edits');
    await openHello(wb.page);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`FAILED-edit-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => { await wb?.close(); });

  it('edits a selection: a decorated proposal, accepted with its hunk CodeLens, undone in one step', async () => {
    const { page } = wb;
    await simControl('reply', { ...editReplies.rewrite(REWRITE), frameDelayMs: 10 });
    await selectAll(page);
    await runCommand(page, 'BYOK: Edit Selection');
    await quickInput(page).locator('.quick-input-title', { hasText: 'BYOK: Edit Selection' }).waitFor({ state: 'visible' });
    await quickInput(page).locator('input').fill('add a return type and an exclamation mark');
    await page.keyboard.press('Enter');
    const lenses = page.locator('.contentWidgets .codelens-decoration');
    const acceptHunk = lenses.locator('a', { hasText: /^\s*Accept \(\+/ });
    await acceptHunk.first().waitFor({ state: 'visible', timeout: 20_000 });
    await lenses.filter({ hasText: /sim-model-1.*key "edits".*tokens/ }).first().waitFor();
    assert.equal(await editorText(page), HELLO, 'the proposal is not in the document yet');
    await page.mouse.move(700, 700); // away from the hover, so the screenshot shows the decorations
    await wb.screenshot('edit-01-proposal-dark');
    await theme(page, 'Light Modern');
    await wb.screenshot('edit-02-proposal-light');
    await theme(page, 'Light High Contrast');
    await wb.screenshot('edit-03-proposal-hc-light');
    await theme(page, 'Dark High Contrast');
    await wb.screenshot('edit-04-proposal-hc-dark');
    await theme(page, 'Dark Modern');

    // Side by Side opens a read-only diff and applies nothing.
    await lenses.locator('a', { hasText: 'Side by Side' }).first().click();
    const diffEditor = page.locator('.monaco-diff-editor');
    await diffEditor.waitFor({ state: 'visible', timeout: 20_000 });
    await diffEditor.locator('.view-lines').filter({ hasText: 'Hello, ${name}!' }).first().waitFor();
    await wb.screenshot('edit-05-side-by-side');
    await page.keyboard.press('Control+W');
    await diffEditor.waitFor({ state: 'hidden' });
    assert.equal(await editorText(page), HELLO, 'the side-by-side view applied nothing');

    await acceptHunk.first().click();
    await page.locator('.editor-instance .view-lines').filter({ hasText: 'Hello, ${name}!' }).waitFor();
    assert.equal(await editorText(page), REWRITE);
    await wb.screenshot('edit-06-accepted');
    await page.locator('.editor-instance .view-lines').click();
    await page.keyboard.press('Control+Z');
    await page.locator('.editor-instance .view-lines').filter({ hasNotText: 'Hello, ${name}!' }).waitFor();
    assert.equal(await editorText(page), HELLO, 'one undo brings the original back');
  });

  it('Esc stops a streaming edit: the request is closed and nothing changes', async () => {
    const { page } = wb;
    await simControl('reply', editReplies.slow(REWRITE.repeat(20)));
    await selectAll(page);
    await runCommand(page, 'BYOK: Edit Selection');
    await quickInput(page).locator('.quick-input-title', { hasText: 'BYOK: Edit Selection' }).waitFor({ state: 'visible' });
    await quickInput(page).locator('input').fill('slowly');
    await page.keyboard.press('Enter');
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Stop (Esc)' }).waitFor({ timeout: 20_000 });
    await wb.screenshot('edit-07-streaming');
    await page.locator('.editor-instance .view-lines').click();
    await page.keyboard.press('Escape');
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Stop (Esc)' }).waitFor({ state: 'hidden' });
    const last = (await simRequests()).reverse().find((r) => r.path.endsWith('/chat/completions'));
    assert.equal(last?.closedEarly, true, 'Esc closed the HTTP stream');
    assert.equal(await editorText(page), HELLO);
  });

  it('the editor context menu has a BYOK group with Edit Selection, Ask About Selection and Add Selection to Chat', async () => {
    const { page } = wb;
    await page.locator('.editor-instance .view-lines').click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.locator('.action-item', { hasText: /^BYOK/ }).first().hover();
    for (const item of ['Edit Selection', 'Ask About Selection', 'Add Selection to Chat']) {
      await page.locator('.context-view .monaco-menu .action-label', { hasText: new RegExp(`^${item}$`) }).first().waitFor({ state: 'visible' });
    }
    await wb.screenshot('edit-09-context-menu');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
  });

  it('Ask About Selection opens the chat with the selection chip', async () => {
    const { page } = wb;
    await selectAll(page);
    await runCommand(page, 'BYOK: Ask About Selection');
    await answerInput(page, /What do you want to know/, '');
    const chip = chatFrame(page).getByTestId('attachment-chip').filter({ hasText: 'hello.ts:1-3' });
    await chip.waitFor({ state: 'visible', timeout: 30_000 });
    await wb.screenshot('edit-08-ask-about-selection');
  });
});
