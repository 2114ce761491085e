// Adds keys through the palette, typing as a user (shared by the UI suites).
import type { Page } from 'playwright-core';
import { answerInput, notification, pickRow, runCommand } from './palette';


export async function addKeyByPalette(page: Page, provider: string, name: string, key: string, host: string): Promise<void> {
  await runCommand(page, 'BYOK: Add Key');
  await pickRow(page, provider);
  await answerInput(page, /A name for this key/, name);
  await answerInput(page, /API key/, key);
  await answerInput(page, /The URL of your/, host);
  // The toast can be hidden behind others: fall back to the notification center, where every one is listed.
  const saved = notification(page, `Saved "${name}"`);
  try {
    await saved.waitFor({ state: 'visible', timeout: 15_000 });
  } catch {
    await runCommand(page, 'Notifications: Show Notifications');
    await page.locator('.notifications-center .notification-list-item').filter({ hasText: `Saved "${name}"` }).waitFor({ state: 'visible', timeout: 30_000 });
  }
  // Toasts pile up (VS Code shows three at most): clear them so the next one is seen.
  await runCommand(page, 'Notifications: Clear All Notifications');
  await saved.waitFor({ state: 'hidden' });
}

export async function simControl(path: string, body?: unknown): Promise<unknown> {
  const url = `${process.env.BYOK_SIMULATOR_URL ?? ''}/__sim/${path}`;
  const r = await fetch(url, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return r.json();
}

export interface SimRequest { path: string; headers: Record<string, string>; body: unknown; closedEarly: boolean }
export const simRequests = async (): Promise<SimRequest[]> => (await simControl('requests')) as SimRequest[];
