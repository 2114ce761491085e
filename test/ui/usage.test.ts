// The usage panel as a user sees it: after two chats with a priced model the panel shows the right totals
// (screenshots in light, dark and high-contrast themes), the budget notice appears when the month's spend
// crosses 75 %, and Export Usage writes the CSV.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { addKeyByPalette, simControl } from './support/keys';
import { clickRow, notification, quickInput, runCommand } from './support/palette';
import { chatFrame, openWorkbench, type Workbench } from './support/workbench';

const sim = (): string => process.env.BYOK_SIMULATOR_URL ?? '';

/** Adds user settings by writing settings.json, as a person editing it would; VS Code picks the change up. */
function addUserSettings(settings: Record<string, unknown>): void {
  const file = join(process.env.BYOK_UI_USER_DATA ?? '', 'User', 'settings.json');
  const current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
}

/** The usage panel's document (the chat view is another BYOK webview: find the one showing usage). */
async function usageFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    for (const f of page.frames()) {
      if (await f.locator('[data-testid="usage-today"]').count().catch(() => 0)) return f;
    }
    await page.waitForTimeout(150);
  }
  throw new Error('the usage panel did not show');
}

async function send(page: Page, text: string): Promise<void> {
  const composer = chatFrame(page).getByTestId('composer');
  await composer.click();
  await composer.fill(text);
  await composer.press('Enter');
}

describe('usage panel, budget notice and export', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
    // $1 / $2 per million tokens for the simulator model, and a $0.005 budget: two answers of 1,000 in and
    // 500 out cost $0.002 each, so the second one crosses 75 %.
    addUserSettings({ 'byok.pricing': { 'openai-compatible/sim-model-1': { input: 1, output: 2 } }, 'byok.budget.monthlyUsd': 0.005 });
    await addKeyByPalette(wb.page, 'Custom OpenAI-compatible host', 'usage-ui', 'sk-ui-usage-1', `${sim()}/v1`);
    await runCommand(wb.page, 'BYOK: Select Chat Model');
    await clickRow(wb.page, 'sim-model-1', 'usage-ui');
    await runCommand(wb.page, 'BYOK: Open Chat');
    await chatFrame(wb.page).getByTestId('composer').waitFor({ state: 'visible', timeout: 30_000 });
  });
  after(async () => { await wb?.close(); });

  it('two priced chats: the budget notice appears at 75 %, and the panel shows the right totals', async () => {
    const { page } = wb;
    await simControl('reply', { text: 'Priced answer', usage: { input: 1000, output: 500 } });
    const answers = chatFrame(page).locator('[data-testid="message"][data-role="assistant"][data-status="complete"]');
    const before = await answers.count();
    await send(page, 'first question');
    await answers.nth(before).waitFor({ timeout: 30_000 });
    await send(page, 'second question');
    await answers.nth(before + 1).waitFor({ timeout: 30_000 });
    await notification(page, /75 % of your monthly budget/).waitFor({ state: 'visible', timeout: 30_000 });
    await wb.screenshot('usage-01-budget-notice');

    await runCommand(page, 'BYOK: Show Usage');
    const panel = await usageFrame(page);
    const row = panel.locator('[data-testid="usage-by-key"] tbody tr').filter({ hasText: 'usage-ui' });
    await row.waitFor({ timeout: 30_000 });
    const cells = await row.locator('th, td').allTextContents();
    assert.deepEqual(cells, ['usage-ui', '2', '2,000', '0', '1,000', '$0.0040']);
    await panel.locator('[data-testid="usage-chart"] rect').first().waitFor();
    assert.match(await panel.getByTestId('usage-budget').textContent() ?? '', /80 % of \$0\.0050 budget/);
    await wb.screenshot('usage-02-panel');

    await panel.getByTestId('tab-log').click();
    const logRow = panel.locator('[data-testid="request-row"]').filter({ hasText: 'usage-ui' }).first();
    await logRow.waitFor();
    assert.match(await logRow.getAttribute('data-request-id') ?? '', /^req_chatcmpl-sim/);
    await wb.screenshot('usage-03-request-log');
    await panel.getByTestId('tab-overview').click();

    for (const [theme, name] of [['Light Modern', 'usage-04-panel-light'], ['Dark High Contrast', 'usage-05-panel-hc-dark'], ['Light High Contrast', 'usage-06-panel-hc-light']] as const) {
      await runCommand(page, 'Preferences: Color Theme');
      await clickRow(page, theme);
      await quickInput(page).waitFor({ state: 'hidden' });
      await (await usageFrame(page)).locator('[data-testid="usage-chart"]').waitFor();
      await page.waitForTimeout(300);
      await wb.screenshot(name);
    }
  });

  it('Export Usage writes a CSV with the requests to the file the user picks', async () => {
    const { page } = wb;
    const workspace = process.env.BYOK_UI_WORKSPACE ?? '';
    await runCommand(page, 'BYOK: Export Usage (CSV)');
    // The save dialog (VS Code's simple dialog in the browser) proposes byok-usage-<date>.csv in the workspace.
    const input = quickInput(page).locator('input');
    await input.waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    let file: string | undefined;
    for (let i = 0; i < 100 && !file; i++) {
      file = readdirSync(workspace).find((f) => /^byok-usage-.*\.csv$/.test(f));
      if (!file) await page.waitForTimeout(100);
    }
    assert.ok(file && existsSync(join(workspace, file)), 'the CSV was written');
    const csv = readFileSync(join(workspace, file), 'utf8');
    assert.match(csv.split('\r\n')[0]!, /^time,origin,provider,model,key_name/);
    assert.equal(csv.split('\r\n').filter((l) => l.includes(',usage-ui,')).length, 2);
    await notification(page, /exported \d+ request/).waitFor({ state: 'visible', timeout: 15_000 });
  });
});
