// Compare mode: one prompt to 2–4 models, answers side by side, each with its own outcome.
import assert from 'node:assert/strict';
import type { CompareColumn, HostMessage } from '../../src/core/protocol';
import { MODEL, MODEL_B, MODEL_C, openPage, type TestPage, tid } from './support';

const MODEL_D = { id: 'k4/mistral-large', name: 'Mistral Large', providerLabel: 'Mistral', keyName: 'eu' };
const MODEL_E = { id: 'k5/llama', name: 'Llama 3.3', providerLabel: 'Ollama' };
const MODELS = [MODEL, MODEL_B, MODEL_C, MODEL_D, MODEL_E];

function compareState(columns: CompareColumn[], busy: boolean, prompt = ''): HostMessage {
  return { type: 'compareState', prompt, columns, busy, models: MODELS };
}

describe('compare view', () => {
  let t: TestPage;
  beforeEach(async () => {
    t = await openPage({ mode: 'compare', viewport: { width: 1200, height: 800 } });
    await t.send(compareState([], false));
    await t.clearPosted();
  });
  afterEach(() => t.close());

  it('picks 2–4 models with checkboxes and runs the prompt on them', async () => {
    const boxes = t.page.locator(tid('compare-model'));
    assert.equal(await boxes.count(), 5);
    assert.deepEqual(await boxes.evaluateAll((bs) => bs.map((b) => (b as HTMLInputElement).checked)), [true, true, false, false, false]);
    const run = t.page.locator(tid('compare-run'));
    assert.equal(await run.isDisabled(), true, 'no prompt yet');
    await t.page.locator(tid('compare-prompt')).fill('Explain CRDTs in one paragraph');
    assert.equal(await run.isDisabled(), false);
    await boxes.nth(2).check();
    await boxes.nth(3).check();
    assert.equal(await boxes.nth(4).isDisabled(), true, 'at most four');
    await boxes.nth(0).uncheck();
    await boxes.nth(1).uncheck();
    await boxes.nth(2).uncheck();
    assert.equal(await run.isDisabled(), true, 'at least two');
    await boxes.nth(4).check();
    await run.click();
    assert.deepEqual(await t.waitForPosted('compareRun'), { type: 'compareRun', text: 'Explain CRDTs in one paragraph', modelIds: [MODEL_D.id, MODEL_E.id] });
    await t.clearPosted();
    await t.page.locator(tid('compare-prompt')).press('Enter');
    await t.waitForPosted('compareRun');
  });

  it('streams each column on its own, side by side, with its own usage, cost and outcome', async () => {
    const columns: CompareColumn[] = [MODEL, MODEL_B, MODEL_C].map((model, i) => ({ id: `col${i}`, model, text: '', status: 'streaming' }));
    await t.send(compareState(columns, true, 'Explain CRDTs'));
    const cols = t.page.locator(tid('compare-column'));
    assert.equal(await cols.count(), 3);
    const boxes = await cols.evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y })));
    assert.ok(boxes[0]!.y === boxes[1]!.y && boxes[1]!.y === boxes[2]!.y && boxes[0]!.x < boxes[1]!.x && boxes[1]!.x < boxes[2]!.x, JSON.stringify(boxes));
    assert.equal(await t.page.locator(tid('compare-run')).isVisible(), false);

    await t.send({ type: 'delta', id: 'col0', text: 'CRDTs are **conflict-free** ' }, { type: 'delta', id: 'col1', text: 'A CRDT is' }, { type: 'delta', id: 'col0', text: 'replicated data types.' });
    assert.equal(await cols.nth(0).locator(tid('message-body')).textContent(), 'CRDTs are conflict-free replicated data types.\n');
    assert.equal(await cols.nth(1).locator(tid('message-body')).textContent(), 'A CRDT is\n');
    assert.equal(await cols.nth(0).locator(tid('message-model')).textContent(), 'GPT-4.1 · OpenAI · work');

    await t.send({ type: 'messageEnd', id: 'col0', status: 'complete', usage: { inputTokens: 12, outputTokens: 40, costUsd: 0.0004 } });
    await t.send({ type: 'messageEnd', id: 'col1', status: 'interrupted', usage: { inputTokens: 12, outputTokens: 3 } });
    await t.send({ type: 'messageEnd', id: 'col2', status: 'error', error: { kind: 'rate-limit', title: 'Rate limited. Try again in 20 s.', detail: '429', actions: ['retry'] } });
    assert.deepEqual(await cols.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-status'))), ['complete', 'interrupted', 'error']);
    assert.equal(await cols.nth(0).locator(tid('message-usage')).textContent(), '12 in · 40 out · $0.0004');
    assert.equal(await cols.nth(1).locator(tid('message-usage')).textContent(), '12 in · 3 out · price unknown');
    assert.ok(await cols.nth(1).locator(tid('interrupted')).isVisible());
    await cols.nth(2).locator(tid('error-action-retry')).click();
    assert.deepEqual(await t.waitForPosted('errorAction'), { type: 'errorAction', action: 'retry', messageId: 'col2' });
    assert.equal(await t.page.locator(tid('compare-run')).isVisible(), true, 'Run is back once every column ended');
  });

  it("a column's \"Choose another model\" moves to the model list in the panel and asks the host nothing", async () => {
    await t.send(compareState([{ id: 'c0', model: MODEL, text: '', status: 'complete' }, { id: 'c1', model: MODEL_B, text: '', status: 'error', error: { kind: 'auth', title: 'Invalid key.', detail: '401', actions: ['updateKey', 'chooseModel'] } }], false, 'q'));
    await t.page.locator(tid('error-action-chooseModel')).click();
    assert.equal(await t.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'compare-model');
    await t.page.locator(tid('error-action-updateKey')).click();
    assert.deepEqual(await t.waitForPosted('errorAction'), { type: 'errorAction', action: 'updateKey', messageId: 'c1' });
    assert.deepEqual((await t.posted()).map((m) => m.type), ['errorAction'], 'only Update key reached the host');
  });

  it('Stop and Esc post compareStop while running', async () => {
    await t.send(compareState([MODEL, MODEL_B].map((model, i) => ({ id: `c${i}`, model, text: '', status: 'streaming' })), true));
    await t.page.locator(tid('compare-stop')).click();
    assert.deepEqual(await t.waitForPosted('compareStop'), { type: 'compareStop' });
    await t.clearPosted();
    await t.page.keyboard.press('Escape');
    await t.waitForPosted('compareStop');
  });

  it('a state with finished columns renders their text, and a new state replaces them', async () => {
    await t.send(compareState([
      { id: 'x', model: MODEL, text: '# Title\n\n```ts\nlet a = 1;\n```', status: 'complete', usage: { inputTokens: 1, outputTokens: 2, costUsd: 0.01 } },
      { id: 'y', model: MODEL_B, text: 'Short', status: 'complete' },
    ], false, 'the prompt'));
    assert.equal(await t.page.locator(tid('compare-prompt')).inputValue(), 'the prompt');
    assert.equal(await t.page.locator(`${tid('compare-column')} h1`).textContent(), 'Title');
    assert.equal(await t.page.locator(`${tid('compare-column')} ${tid('code-copy')}`).count(), 1);
    await t.send(compareState([{ id: 'z', model: MODEL_C, text: '', status: 'streaming' }, { id: 'w', model: MODEL, text: '', status: 'streaming' }], true));
    assert.deepEqual(await t.page.locator(tid('compare-column')).evaluateAll((cs) => cs.map((c) => c.getAttribute('data-column-id'))), ['z', 'w']);
  });
});
