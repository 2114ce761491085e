// Drives VS Code's command palette and quick inputs with the keyboard, as a user would.
import type { Locator, Page } from 'playwright-core';

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

export function quickRows(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
}

/** Opens the palette, types a command title and runs it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  // Click the row whose title is exactly this command (Enter would take the first fuzzy match).
  const row = quickRows(page).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
  // Right after a window reload the palette can open before the workbench has its command list; a person
  // would close it and open it again, and so do we (what we wait on is the row, never a fixed time).
  for (let attempt = 1; ; attempt++) {
    // F1 goes to whatever has focus; when a webview (a restored panel, a walkthrough's picture) holds it, the
    // key can be lost. A person would click somewhere neutral in the window first: from the second attempt, so
    // do we (the middle of the status bar, which holds no item there).
    if (attempt > 1) {
      const bar = page.locator('.part.statusbar');
      const box = await bar.boundingBox();
      if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    }
    await page.keyboard.press('F1');
    const input = quickInput(page).locator('input');
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
    } catch (e) {
      if (attempt >= 3) throw e;
      continue;
    }
    await input.fill(`>${title}`);
    try {
      await row.first().waitFor({ state: 'visible', timeout: attempt < 3 ? 10_000 : 30_000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await row.first().click();
}

/** Waits for a quick pick row with this text, then selects it by typing its text as a filter and pressing Enter. */
export async function pickRow(page: Page, text: string): Promise<void> {
  const input = quickInput(page).locator('input');
  await input.fill(text);
  await quickRows(page).filter({ hasText: text }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Filters the quick pick by `filter`, then clicks the row that shows every one of `texts` (label and description). */
export async function clickRow(page: Page, filter: string, ...texts: string[]): Promise<void> {
  await quickInput(page).locator('input').fill(filter);
  let row = quickRows(page);
  for (const t of [filter, ...texts]) row = row.filter({ hasText: t });
  await row.first().waitFor({ state: 'visible' });
  await row.first().click();
}

/** Answers an input box: waits for its prompt, replaces the prefilled value, presses Enter. */
export async function answerInput(page: Page, promptText: string | RegExp, value: string): Promise<void> {
  await quickInput(page).filter({ hasText: promptText }).waitFor({ state: 'visible' });
  const input = quickInput(page).locator('input');
  await input.fill(value);
  await page.keyboard.press('Enter');
}

export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
}

export function statusItem(page: Page, text: string | RegExp): Locator {
  return page.locator('.statusbar-item').filter({ hasText: text });
}
