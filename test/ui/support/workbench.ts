// Opens the code-server workbench in Chromium and gives tests the handles a user would use.
// Waits are on what a person would see (elements), never on fixed sleeps.
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchBrowser } from '../../support/rig/browser.mjs';

export interface Workbench {
  browser: Browser;
  page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the ui tier with npm run test:ui`);
  return v;
}

export async function openWorkbench(): Promise<Workbench> {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${env('BYOK_UI_URL')}/?folder=${encodeURIComponent(env('BYOK_UI_WORKSPACE'))}`);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  // Extension contributions load after the workbench: the BYOK icon means its commands are in the palette.
  await page.locator('.activitybar .action-item a[aria-label^="BYOK"]').waitFor({ state: 'visible', timeout: 60_000 });
  return {
    browser,
    page,
    async screenshot(name) {
      const path = join(env('BYOK_SCREENSHOTS'), `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => browser.close(),
  };
}

/** The BYOK chat webview's document: two nested iframes, as VS Code renders webview views. */
export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview[src*="extensionId=byok.byok"]').frameLocator('iframe#active-frame');
}
