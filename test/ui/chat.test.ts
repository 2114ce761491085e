import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { addKeyByPalette, simControl, simRequests } from './support/keys';
import { clickRow, quickInput, runCommand } from './support/palette';
import { chatFrame, openWorkbench, type Workbench } from './support/workbench';

const sim = (): string => process.env.BYOK_SIMULATOR_URL ?? '';

async function openChat(page: Page): Promise<void> {
  // The command focuses the view; clicking the activity-bar icon would close it when it is already open.
  await runCommand(page, 'BYOK: Open Chat');
  await chatFrame(page).getByTestId('composer').waitFor({ state: 'visible', timeout: 30_000 });
}

async function send(page: Page, text: string): Promise<void> {
  const composer = chatFrame(page).getByTestId('composer');
  await composer.click();
  await composer.fill(text);
  await composer.press('Enter');
}

const assistant = (page: Page) => chatFrame(page).locator('[data-testid="message"][data-role="assistant"]');

/** The chat webview's inner document as a Playwright Frame, to evaluate in it. */
function chatDocument(page: Page): Frame {
  const inner = page.frames().find((f) => f.parentFrame()?.url().includes('extensionId=byok.byok') && f.parentFrame()?.parentFrame() === page.mainFrame() && f.url().includes('fake.html'))
    ?? page.frames().find((f) => f.parentFrame()?.url().includes('extensionId=byok.byok'));
  if (!inner) throw new Error('chat webview frame not found');
  return inner;
}

describe('the chat sidebar', () => {
  let wb: Workbench;
  before(async () => {
    await simControl('reset', {});
    wb = await openWorkbench();
    await addKeyByPalette(wb.page, 'Custom OpenAI-compatible host', 'oai', 'sk-ui-chat-1', `${sim()}/v1`);
    await addKeyByPalette(wb.page, 'Custom Anthropic-compatible host', 'ant', 'sk-ui-chat-2', `${sim()}/anthropic`);
    await runCommand(wb.page, 'BYOK: Select Chat Model');
    await clickRow(wb.page, 'sim-model-1', 'oai');
    await openChat(wb.page);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`FAILED-chat-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => { await wb?.close(); });

  it('streams an answer as Markdown, naming the model and key, with usage', async () => {
    const { page } = wb;
    await simControl('reply', { text: 'Here is **bold** and code:\n\n```ts\nconst answer = 42;\n```\n\nDone ✓', chunkChars: 3, frameDelayMs: 15, usage: { input: 30, output: 12 } });
    await send(page, 'Show me some code');
    const answer = assistant(page).last();
    await answer.locator('[data-testid="message-body"]').filter({ hasText: 'Here is' }).waitFor();
    await answer.and(chatFrame(page).locator('[data-status="complete"]')).waitFor({ timeout: 20_000 });
    assert.equal(await answer.locator('strong').first().textContent(), 'bold');
    assert.match(await answer.locator('pre code').first().textContent() ?? '', /const answer = 42;/);
    assert.match(await answer.getByTestId('message-model').textContent() ?? '', /sim-model-1.*oai/s);
    assert.match(await answer.getByTestId('message-usage').textContent() ?? '', /30.*12/s);
    await wb.screenshot('05-chat-streamed-dark');
  });

  it('stops mid-stream and keeps the partial answer, marked as interrupted', async () => {
    const { page } = wb;
    await simControl('reply', { text: 'word '.repeat(400), chunkChars: 5, frameDelayMs: 40 });
    await send(page, 'Write a long answer');
    const answer = assistant(page).last();
    await answer.locator('[data-testid="message-body"]').filter({ hasText: 'word word' }).waitFor();
    await chatFrame(page).getByTestId('stop').click();
    await answer.and(chatFrame(page).locator('[data-status="interrupted"]')).waitFor({ timeout: 10_000 });
    await answer.getByTestId('interrupted').waitFor();
    const kept = (await answer.getByTestId('message-body').textContent()) ?? '';
    assert.ok(kept.length > 5 && kept.length < 2000, `the partial answer is kept (${kept.length} chars)`);
    const last = (await simRequests()).reverse().find((r) => r.path.endsWith('/chat/completions'));
    assert.equal(last?.closedEarly, true, 'stopping closed the HTTP stream');
  });

  it('switching models mid-conversation sends the whole conversation to the new provider', async () => {
    const { page } = wb;
    await simControl('reply', { text: 'The capital of France is Paris.' });
    const before = await assistant(page).count();
    await send(page, 'What is the capital of France?');
    await assistant(page).nth(before).and(chatFrame(page).locator('[data-status="complete"]')).waitFor();
    await chatFrame(page).getByTestId('model-button').click();
    await quickInput(page).waitFor({ state: 'visible' });
    await clickRow(page, 'sim-model-2', 'ant');
    await chatFrame(page).getByTestId('model-button').filter({ hasText: 'Sim Model 2' }).waitFor();
    await simControl('reply', { text: 'About 2.1 million people.' });
    // The new answer is the one after those already shown: `.last()` could still be the previous, complete one.
    const shown = await assistant(page).count();
    await send(page, 'How many people live there?');
    const answer = assistant(page).nth(shown);
    await answer.and(chatFrame(page).locator('[data-status="complete"]')).waitFor();
    assert.match(await answer.getByTestId('message-model').textContent() ?? '', /Sim Model 2.*ant/s);
    const request = (await simRequests()).reverse().find((r) => r.path.endsWith('/anthropic/v1/messages'));
    assert.ok(request, 'the Anthropic-compatible host got the request');
    assert.equal(request.headers['x-api-key'], 'sk-ui-chat-2', 'with its own key');
    const sent = JSON.stringify((request.body as { messages: unknown }).messages);
    assert.ok(sent.includes('What is the capital of France?') && sent.includes('The capital of France is Paris.') && sent.includes('How many people live there?'), `the first exchange went along: ${sent.slice(0, 400)}`);
    await wb.screenshot('06-chat-model-switched');
  });

  it('shows an error card for an invalid key, with no fallback to another key', async () => {
    const { page } = wb;
    const before = (await simRequests()).length;
    await simControl('fault', { kind: 'unauthorized', pathIncludes: '/anthropic/v1/messages', times: 0 });
    try {
      await send(page, 'Are you there?');
      const card = assistant(page).last().getByTestId('error-card');
      await card.waitFor({ timeout: 20_000 });
      assert.match(await card.textContent() ?? '', /Invalid key/);
      const after = (await simRequests()).slice(before);
      assert.ok(after.every((r) => r.path.includes('/anthropic/')), `no request went to another provider: ${after.map((r) => r.path).join(', ')}`);
      await wb.screenshot('07-chat-error-card');
    } finally {
      await simControl('reset', {});
    }
  });

  it('model output with HTML or script never executes in the real webview', async () => {
    const { page } = wb;
    const payloads = [
      '<script>window.__pwned = 1</script>',
      '<img src=x onerror="window.__pwned = 2">',
      '<svg onload="window.__pwned = 3"><script>window.__pwned = 4</script></svg>',
      '<iframe srcdoc="<script>parent.__pwned = 5</script>"></iframe>',
      '[click me](javascript:window.__pwned=6)',
      '<a href="javascript:window.__pwned=7">raw link</a>',
      '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=8">',
      '<noscript><p title="</noscript><img src=x onerror=window.__pwned=9>">',
    ];
    await simControl('reply', { text: payloads.join('\n\n'), chunkChars: 7 });
    await send(page, 'Show me tricky HTML');
    const answer = assistant(page).last();
    await answer.and(chatFrame(page).locator('[data-status="complete"]')).waitFor();
    await answer.getByText('click me').click().catch(() => undefined);
    await answer.getByText('raw link').click().catch(() => undefined);
    const doc = chatDocument(page);
    const report = await doc.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      scripts: document.querySelectorAll('[data-testid="message-body"] script, [data-testid="message-body"] iframe').length,
      handlers: [...document.querySelectorAll('[data-testid="message-body"] *')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      jsLinks: [...document.querySelectorAll('[data-testid="message-body"] a')].filter((a) => (a.getAttribute('href') ?? '').toLowerCase().startsWith('javascript')).length,
    }));
    assert.deepEqual(report, { pwned: undefined, scripts: 0, handlers: 0, jsLinks: 0 });
  });

  it('keeps the conversation across a window reload', async () => {
    const { page } = wb;
    await page.reload();
    await page.locator('.activitybar .action-item a[aria-label^="BYOK"]').waitFor({ timeout: 60_000 });
    await openChat(page);
    await chatFrame(page).locator('[data-testid="message"][data-role="user"]').filter({ hasText: 'How many people live there?' }).waitFor({ timeout: 30_000 });
    await chatFrame(page).getByTestId('message-body').filter({ hasText: 'About 2.1 million people.' }).waitFor();
    await wb.screenshot('08-chat-after-reload');
  });

  it('looks right in a light theme', async () => {
    const { page } = wb;
    await runCommand(page, 'Preferences: Color Theme');
    await clickRow(page, 'Light Modern');
    await page.locator('.monaco-workbench.vs').waitFor();
    await chatFrame(page).getByTestId('composer').waitFor();
    await wb.screenshot('09-chat-light');
  });

  it('compares two models side by side, each with its own usage', async () => {
    const { page } = wb;
    await simControl('reply', { text: 'Side by side ✓', usage: { input: 9, output: 4 } });
    await runCommand(page, 'BYOK: Compare Models');
    const panel = page.frameLocator('iframe.webview[src*="extensionId=byok.byok"]').last().frameLocator('iframe#active-frame');
    await panel.getByTestId('compare-run').waitFor({ timeout: 30_000 });
    // One model through each key: two providers, two adapters, two keys.
    const checked = panel.locator('input[type="checkbox"]:checked');
    while (await checked.count() > 0) await checked.first().uncheck();
    await panel.locator('label').filter({ hasText: /sim.model.1/i }).filter({ hasText: 'oai' }).locator('input[type="checkbox"]').check();
    await panel.locator('label').filter({ hasText: /sim.model.1/i }).filter({ hasText: 'ant' }).locator('input[type="checkbox"]').check();
    await panel.locator('textarea').first().fill('Compare this');
    await panel.getByTestId('compare-run').click();
    const columns = panel.getByTestId('compare-column');
    await panel.locator('[data-testid="compare-column"][data-status="complete"]').nth(1).waitFor({ timeout: 30_000 });
    assert.equal(await columns.count(), 2);
    for (let i = 0; i < 2; i++) assert.match(await columns.nth(i).textContent() ?? '', /Side by side ✓/);
    await wb.screenshot('10-compare');
  });
});
