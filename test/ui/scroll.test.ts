// Scrolling in the real chat view, as a person sees it: a new answer after Regenerate or Edit and resend
// stays in view while it streams, sending while scrolled up brings the question into view, and away from
// the end a "Scroll to bottom" button appears (and goes once it has been used).
import type { Frame, Page } from 'playwright-core';
import { addKeyByPalette, simControl } from './support/keys';
import { clickRow, runCommand } from './support/palette';
import { chatFrame, openWorkbench, type Workbench } from './support/workbench';

const sim = (): string => process.env.BYOK_SIMULATOR_URL ?? '';
const LONG = Array.from({ length: 60 }, (_, i) => `Line ${i + 1}: a sentence long enough to wrap once in the sidebar's width.`).join('\n\n');

function chatDocument(page: Page): Frame {
  const inner = page.frames().find((f) => f.parentFrame()?.url().includes('extensionId=byok.byok') && f.parentFrame()?.parentFrame() === page.mainFrame() && f.url().includes('fake.html'))
    ?? page.frames().find((f) => f.parentFrame()?.url().includes('extensionId=byok.byok'));
  if (!inner) throw new Error('chat webview frame not found');
  return inner;
}

/**
 * Waits until the last answer's end is on screen in the conversation (what a person sees). With
 * `streamingPast`, while it still streams and has grown past that line (taller than the view by then).
 */
async function lastAnswerEndInView(page: Page, streamingPast?: number): Promise<void> {
  await chatDocument(page).waitForFunction((past) => {
    const m = document.querySelector('.messages')!.getBoundingClientRect();
    const answers = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
    const last = answers[answers.length - 1];
    if (!last || !/Line \d+/.test(last.textContent ?? '')) return false;
    if (past !== undefined) {
      const lines = [...(last.textContent ?? '').matchAll(/Line (\d+)/g)].map((x) => Number(x[1]));
      if (last.getAttribute('data-status') !== 'streaming' || Math.max(0, ...lines) <= past) return false;
    }
    const r = last.getBoundingClientRect();
    return r.bottom > m.top && r.bottom <= m.bottom + 2;
  }, streamingPast, { timeout: 30_000, polling: 50 });
}

describe('chat scrolling', () => {
  let wb: Workbench;
  before(async () => {
    await simControl('reset', {});
    wb = await openWorkbench();
    await addKeyByPalette(wb.page, 'Custom OpenAI-compatible host', 'scroll', 'sk-ui-scroll-1', `${sim()}/v1`);
    await runCommand(wb.page, 'BYOK: Select Chat Model');
    await clickRow(wb.page, 'sim-model-1', 'scroll');
    await runCommand(wb.page, 'BYOK: Open Chat');
    await chatFrame(wb.page).getByTestId('composer').waitFor({ state: 'visible', timeout: 30_000 });
    // A conversation taller than the view: two long answers, quickly.
    await simControl('reply', { text: LONG, chunkChars: 400, frameDelayMs: 0 });
    for (const q of ['First question', 'Second question']) {
      await send(wb.page, q);
      await chatFrame(wb.page).locator('[data-testid="message"][data-role="assistant"][data-status="complete"]').filter({ hasText: 'Line 60' }).nth(q === 'First question' ? 0 : 1).waitFor({ timeout: 20_000 });
    }
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`FAILED-scroll-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => { await wb?.close(); });

  async function send(page: Page, text: string): Promise<void> {
    const composer = chatFrame(page).getByTestId('composer');
    await composer.click();
    await composer.fill(text);
    await composer.press('Enter');
  }

  async function scrollUp(page: Page): Promise<void> {
    await chatFrame(page).locator('.messages').hover();
    await page.mouse.wheel(0, -2500);
    await chatFrame(page).getByTestId('scroll-to-bottom').waitFor({ state: 'visible', timeout: 10_000 });
  }

  it('away from the end a "Scroll to bottom" button appears; it takes you to the end and goes', async () => {
    const { page } = wb;
    await scrollUp(page);
    const jump = chatFrame(page).getByRole('button', { name: 'Scroll to bottom' });
    await jump.waitFor({ state: 'visible' });
    await wb.screenshot('10a-scroll-to-bottom-button-dark');
    await jump.click();
    await jump.waitFor({ state: 'hidden' });
    await lastAnswerEndInView(page);
  });

  it('Edit and resend of an earlier question: the new answer stays in view while it streams', async () => {
    const { page } = wb;
    await simControl('reply', { text: LONG, chunkChars: 12, frameDelayMs: 30 });
    await scrollUp(page);
    const first = chatFrame(page).locator('[data-testid="message"][data-role="user"]').first();
    await first.getByTestId('edit').click();
    await first.getByTestId('edit-input').fill('First question, asked better');
    await first.getByTestId('edit-resend').click();
    // Mid-stream, once the answer is taller than the view, its end is on screen.
    await lastAnswerEndInView(page, 30);
    await wb.screenshot('10a-edit-resend-follows-dark');
    await chatFrame(page).locator('[data-testid="message"][data-role="assistant"][data-status="complete"]').last().waitFor({ timeout: 30_000 });
    await lastAnswerEndInView(page);
  });

  it('Regenerate: the new answer stays in view while it streams', async () => {
    const { page } = wb;
    await simControl('reply', { text: LONG, chunkChars: 400, frameDelayMs: 0 });
    await send(page, 'Second question');
    await chatFrame(page).locator('[data-testid="message"][data-role="assistant"][data-status="complete"]').filter({ hasText: 'Line 60' }).nth(1).waitFor({ timeout: 30_000 });
    await simControl('reply', { text: LONG, chunkChars: 12, frameDelayMs: 30 });
    await chatFrame(page).locator('[data-testid="message"][data-role="assistant"]').last().getByTestId('regenerate').click();
    await lastAnswerEndInView(page, 30);
    await wb.screenshot('10a-regenerate-follows-dark');
    await chatFrame(page).locator('[data-testid="message"][data-role="assistant"]').last().and(chatFrame(page).locator('[data-status="complete"]')).waitFor({ timeout: 30_000 });
    await lastAnswerEndInView(page);
  });

  it('sending while scrolled up brings the new question and its answer into view', async () => {
    const { page } = wb;
    await simControl('reply', { text: LONG, chunkChars: 400, frameDelayMs: 0 });
    await scrollUp(page);
    await send(page, 'Third question');
    const question = chatFrame(page).locator('[data-testid="message"][data-role="user"]').filter({ hasText: 'Third question' });
    await question.waitFor();
    await lastAnswerEndInView(page);
    await chatFrame(page).getByTestId('scroll-to-bottom').waitFor({ state: 'hidden' });
  });
});
