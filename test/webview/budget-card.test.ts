// A request the budget refused (byok.budget.action: block): the error card offers the way to raise the budget.
import assert from 'node:assert/strict';
import { assistantMessage, type TestPage, freshChatPagePerTest, tid } from './support';

describe('budget refusal card', () => {
  let t: TestPage;
  freshChatPagePerTest((page) => { t = page; });

  it('a request refused by the budget shows Raise budget first, and it posts raiseBudget', async () => {
    await t.send({ type: 'message', message: assistantMessage('', { id: 'b', status: 'streaming' }) });
    await t.send({ type: 'messageEnd', id: 'b', status: 'error', error: {
      kind: 'policy', title: 'The monthly budget is spent: raise it, or wait until next month.',
      detail: "OpenAI-compatible: This month's spend ($1.20) has reached the monthly budget of $1.00. Requests are refused until next month or until the budget is raised (byok.budget.monthlyUsd).",
      actions: ['raiseBudget', 'chooseModel'],
    } });
    const card = t.page.locator(`[data-message-id="b"] ${tid('error-card')}`);
    const raise = card.locator(tid('error-action-raiseBudget'));
    assert.equal(await raise.textContent(), 'Raise budget');
    assert.match((await raise.getAttribute('class')) ?? '', /primary/, 'the way out comes first');
    await raise.click();
    assert.deepEqual(await t.waitForPosted('errorAction'), { type: 'errorAction', action: 'raiseBudget', messageId: 'b' });
  });
});
