// Inline completions as a user meets them in code-server: an Ollama key on the simulator, a coder model
// chosen for inline use, completions turned on, typing in a Python file shows ghost text, Tab accepts
// it, and the simulator saw exactly one FIM request with the prefix and suffix around the cursor.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { simControl, simRequests, type SimRequest } from './support/keys';
import { answerInput, clickRow, notification, pickRow, quickInput, runCommand, statusItem } from './support/palette';
import { openWorkbench, type Workbench } from './support/workbench';

const sim = (): string => process.env.BYOK_SIMULATOR_URL ?? '';
const MODEL = 'qwen2.5-coder:7b';

async function addOllamaKey(page: Page): Promise<void> {
  await runCommand(page, 'BYOK: Add Key');
  await pickRow(page, 'Ollama');
  await answerInput(page, /A name for this key/, 'local');
  await answerInput(page, /API key \(optional/, '');
  await answerInput(page, /Host \(default/, sim());
  await notification(page, 'Saved "local"').waitFor({ state: 'visible', timeout: 30_000 });
  await runCommand(page, 'Notifications: Clear All Notifications');
}

async function addKey(page: Page, provider: string, name: string, key: string, hostPrompt: RegExp, host: string): Promise<void> {
  await runCommand(page, 'BYOK: Add Key');
  await pickRow(page, provider);
  await answerInput(page, /A name for this key/, name);
  await answerInput(page, /API key/, key);
  await answerInput(page, hostPrompt, host);
  await notification(page, `Saved "${name}"`).waitFor({ state: 'visible', timeout: 30_000 });
  await runCommand(page, 'Notifications: Clear All Notifications');
}

/** Types on line 2 of a fresh copy of calc.py, waits for the ghost text, accepts it with Tab. */
async function completeLineTwo(wb: Workbench, file: string, shot: string): Promise<void> {
  const { page } = wb;
  await openFile(page, file);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.type('return ', { delay: 40 });
  const line = page.locator('.monaco-editor .view-line').filter({ hasText: /return[\s\u00a0]+a[\s\u00a0]\+[\s\u00a0]b/ });
  await line.waitFor({ timeout: 20_000 });
  await wb.screenshot(shot);
  await page.keyboard.press('Tab');
  await page.locator('.statusbar-item').filter({ hasText: 'Ln 2, Col 17' }).waitFor({ timeout: 5_000 });
}

/** The inline status bar item, found by its accessible name (its text is the model's display name). */
const inlineItem = (page: Page) => page.locator('.statusbar-item[aria-label^="BYOK inline completions"]').first();

async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await quickInput(page).locator('input').fill(name);
  await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').filter({ hasText: 'print(add(1, 2))' }).waitFor();
}

describe('inline completions', () => {
  let wb: Workbench;
  before(async () => {
    await simControl('reset', {});
    await simControl('models', { models: [MODEL, 'codestral-latest', 'sim-model-1'] });
    for (const name of ['calc.py', 'calc_codestral.py', 'calc_chat.py']) {
      writeFileSync(join(process.env.BYOK_UI_WORKSPACE ?? '', name), 'def add(a, b):\n    \n\nprint(add(1, 2))\n');
    }
    wb = await openWorkbench();
    await addOllamaKey(wb.page);
    await runCommand(wb.page, 'BYOK: Select Inline Model');
    await clickRow(wb.page, MODEL, 'local');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`FAILED-inline-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => { await wb?.close(); });

  it('is off until turned on, and the first time says what it costs and where code goes', async () => {
    const { page } = wb;
    await statusItem(page, /Inline/).first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'BYOK: Toggle Inline Completions');
    await notification(page, /code around your cursor goes to Ollama/).waitFor({ timeout: 15_000 });
    await statusItem(page, MODEL).waitFor();
    await wb.screenshot('30-inline-first-enable');
    await runCommand(page, 'Notifications: Clear All Notifications');
  });

  it('typing in a Python file shows ghost text from one FIM request; Tab accepts it', async () => {
    const { page } = wb;
    await simControl('reply', { text: 'a + b', usage: { input: 24, output: 3 } });
    await openFile(page, 'calc.py');
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    const before = (await simRequests()).length;
    await page.keyboard.type('return ', { delay: 40 });
    const ghost = page.locator('.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text').first();
    await ghost.waitFor({ state: 'visible', timeout: 20_000 });
    // The ghost text is split into spans (one per token); the line shows it whole.
    const line = page.locator('.monaco-editor .view-line').filter({ hasText: /return[\s\u00a0]+a[\s\u00a0]\+[\s\u00a0]b/ });
    await line.waitFor();
    await wb.screenshot('31-inline-ghost-text-dark');
    await page.keyboard.press('Tab');
    await ghost.waitFor({ state: 'hidden' });
    await line.waitFor();
    await page.locator('.statusbar-item').filter({ hasText: 'Ln 2, Col 17' }).waitFor({ timeout: 5_000 });
    const fim = (await simRequests()).slice(before).filter((r): r is SimRequest & { fim: { prefix: string; suffix: string } } => (r as { fim?: unknown }).fim !== undefined);
    assert.equal(fim.length, 1, 'exactly one FIM request for the burst of keystrokes');
    assert.equal(fim[0]!.path, '/api/generate');
    assert.deepEqual(fim[0]!.fim, { prefix: 'def add(a, b):\n    return ', suffix: '\n\nprint(add(1, 2))\n' });
  });

  it('the status item names the route and today\'s inline requests', async () => {
    const { page } = wb;
    // Accepting a suggestion makes VS Code ask again at the new position: count what the simulator saw.
    await page.waitForTimeout(1_000);
    const sent = (await simRequests()).filter((r) => (r as { fim?: unknown }).fim !== undefined).length;
    const item = statusItem(page, MODEL);
    await item.hover();
    await page.locator('.monaco-hover').filter({ hasText: 'Ollama FIM' }).filter({ hasText: new RegExp(`Today: ${sent} inline requests?\\b`) }).waitFor({ timeout: 10_000 });
    await wb.screenshot('32-inline-status-tooltip-dark');
  });

  it('Codestral through Mistral FIM: ghost text, Tab accepts, one request to /v1/fim/completions', async () => {
    const { page } = wb;
    await addKey(page, 'Mistral', 'mistral-ui', 'sk-ui-mistral-1', /Host \(default/, `${sim()}/v1`);
    await runCommand(page, 'BYOK: Select Inline Model');
    await clickRow(page, 'codestral-latest', 'mistral-ui');
    await simControl('reply', { text: 'a + b', usage: { input: 24, output: 3 } });
    const before = (await simRequests()).length;
    await completeLineTwo(wb, 'calc_codestral.py', '35-inline-codestral-dark');
    const fim = (await simRequests()).slice(before).filter((r) => r.path === '/v1/fim/completions');
    assert.ok(fim.length >= 1);
    // calc.py was edited before: its recent edit comes along as a commented snippet above the code.
    const sent = (fim[0] as unknown as { fim: { prefix: string; suffix: string } }).fim;
    assert.ok(sent.prefix.endsWith('def add(a, b):\n    return '), sent.prefix);
    assert.match(sent.prefix, /^# From calc\.py:\n# def add\(a, b\):/);
    assert.equal(sent.suffix, '\n\nprint(add(1, 2))\n');
    assert.equal(fim[0]!.headers.authorization, 'Bearer sk-ui-mistral-1');
    await inlineItem(page).hover();
    await page.locator('.monaco-hover').filter({ hasText: 'Codestral FIM' }).waitFor();
  });

  it('a chat-only model fills in through chat: ghost text from the tagged answer', async () => {
    const { page } = wb;
    await addKey(page, 'Custom Anthropic-compatible host', 'claude-ui', 'sk-ui-anthropic-1', /The URL of your/, `${sim()}/anthropic`);
    await runCommand(page, 'BYOK: Select Inline Model');
    await clickRow(page, 'sim-model-1', 'claude-ui');
    await simControl('reply', { text: '<COMPLETION>a + b</COMPLETION>', usage: { input: 60, output: 8 } });
    const before = (await simRequests()).length;
    await completeLineTwo(wb, 'calc_chat.py', '36-inline-chat-fill-in-dark');
    assert.ok((await simRequests()).slice(before).some((r) => r.path === '/anthropic/v1/messages'));
    await inlineItem(page).hover();
    await page.locator('.monaco-hover').filter({ hasText: 'chat fill-in via sim-model-1' }).waitFor();
    await wb.screenshot('37-inline-chat-status-dark');
    // Back to the Ollama model for the theme screenshots.
    await runCommand(page, 'BYOK: Select Inline Model');
    await clickRow(page, MODEL, 'local');
  });

  it('looks right in light and high-contrast themes', async () => {
    const { page } = wb;
    for (const [theme, cls, shot] of [['Light Modern', '.monaco-workbench.vs', '33-inline-light'], ['Dark High Contrast', '.monaco-workbench.hc-black', '34-inline-hc']] as const) {
      await runCommand(page, 'Preferences: Color Theme');
      await clickRow(page, theme);
      await page.locator(cls).waitFor();
      await page.locator('.monaco-editor .view-lines').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(`${shot.slice(3).replace(/-/g, '_')} = `, { delay: 40 });
      await simControl('reply', { text: 'add(3, 4)' });
      await page.locator('.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text').first().waitFor({ state: 'visible', timeout: 20_000 });
      await statusItem(page, MODEL).hover();
      await page.locator('.monaco-hover').filter({ hasText: 'Ollama FIM' }).waitFor();
      await wb.screenshot(shot);
      await page.keyboard.press('Escape');
    }
  });
});
