import * as assert from 'node:assert/strict';
import { answerInput, notification, pickRow, quickInput, quickRows, runCommand, statusItem } from './support/palette';
import { openWorkbench, type Workbench } from './support/workbench';

const sim = (): string => process.env.BYOK_SIMULATOR_URL ?? '';

describe('keys and the model picker', () => {
  let wb: Workbench;
  before(async () => {
    await fetch(`${sim()}/__sim/reset`, { method: 'POST' });
    wb = await openWorkbench();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`FAILED-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => { await wb?.close(); });

  it('adds a key through the palette, typing as a user', async () => {
    const { page } = wb;
    await runCommand(page, 'BYOK: Add Key');
    await pickRow(page, 'Custom OpenAI-compatible host');
    await answerInput(page, /A name for this key/, 'ui key');
    await answerInput(page, /API key/, 'sk-ui-typed-key-1');
    await answerInput(page, /The URL of your Custom OpenAI-compatible host/, `${sim()}/v1`);
    const saved = notification(page, 'Saved "ui key"');
    await saved.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await saved.innerText(), /2 models available/);
    await wb.screenshot('02-key-saved');
  });

  it('opens the picker from the status bar with the BYOK models at the bottom under the organization label', async () => {
    const { page } = wb;
    const item = statusItem(page, 'Select Model');
    await item.waitFor({ state: 'visible' });
    await item.click();
    await quickInput(page).filter({ hasText: 'Bring Your Own Key' }).waitFor({ state: 'visible' });
    await quickRows(page).filter({ hasText: 'sim-model-2' }).waitFor({ state: 'visible' });
    const rows = await quickRows(page).allInnerTexts();
    const org = rows.findIndex((t) => t.includes('Bring Your Own Key'));
    const first = rows.findIndex((t) => t.includes('sim-model-1'));
    assert.ok(org >= 0 && first >= org, `BYOK models come after the organization label (rows: ${JSON.stringify(rows)})`);
    assert.match(rows[first] ?? '', /ui key/, 'each BYOK model names its key');
    await wb.screenshot('03-model-picker');
  });

  it('picking a model changes the status bar', async () => {
    const { page } = wb;
    await pickRow(page, 'sim-model-1');
    await statusItem(page, 'sim-model-1').waitFor({ state: 'visible' });
    await wb.screenshot('04-status-bar-model');
  });
});
