// One Chromium and one harness server for every webview spec; a page per test.
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { join } from 'node:path';
import type { ChatState, HostMessage, MessageView, ModelView, WebviewMessage } from '../../src/core/protocol';
import { launchBrowser } from '../support/rig/browser.mjs';
import { buildSanitizerScript, buildWebview, describeSizes, type WebviewBuild } from './harness/build';
import { startHarness, type Harness } from './harness/server';

let browser: Browser | undefined;
let harness: Harness | undefined;
let build: WebviewBuild | undefined;

export const OUT_DIR = join(process.cwd(), 'out', 'webview-harness');

async function environment(): Promise<{ browser: Browser; harness: Harness; build: WebviewBuild }> {
  if (!build) {
    build = await buildWebview(OUT_DIR);
    console.log(`    webview bundle: ${describeSizes(build.sizes)}`);
  }
  if (!harness) {
    const extra = join(process.cwd(), 'out', 'webview-harness-extra');
    await buildSanitizerScript(extra);
    harness = await startHarness(build.dir, extra);
  }
  browser ??= await launchBrowser();
  return { browser, harness, build };
}

export async function webviewBuild(): Promise<WebviewBuild> {
  return (await environment()).build;
}

after(async () => {
  await browser?.close();
  await harness?.close();
});

export interface TestPage {
  page: Page;
  console: string[];
  /** Host -> webview, as VS Code delivers it (a message event on the window). */
  send(...messages: HostMessage[]): Promise<void>;
  /** Webview -> host so far. */
  posted(): Promise<WebviewMessage[]>;
  clearPosted(): Promise<void>;
  /** Waits until the webview has posted a message of this type (and returns the last such). */
  waitForPosted<T extends WebviewMessage['type']>(type: T): Promise<Extract<WebviewMessage, { type: T }>>;
  /** With manualFrames: runs pending animation frames. Otherwise waits for two real frames. */
  frames(): Promise<void>;
  /** Runs frames (manualFrames) or waits until `selector` matches (events like 'toggle' come a task later). */
  framesUntil(selector: string): Promise<void>;
  /**
   * Delivers deltas synchronously inside the page (a message event each, as VS Code does), running
   * the animation frames every `framesEvery` deltas (manualFrames pages only).
   */
  stream(id: string, deltas: string[], framesEvery?: number, field?: 'text' | 'reasoning'): Promise<void>;
  close(): Promise<void>;
}

export async function openPage(options: { mode?: 'chat' | 'compare'; theme?: string; manualFrames?: boolean; sanitizer?: boolean; viewport?: { width: number; height: number } } = {}): Promise<TestPage> {
  const env = await environment();
  const context = await env.browser.newContext({ viewport: options.viewport ?? { width: 420, height: 800 } });
  const page = await context.newPage();
  const consoleLines: string[] = [];
  page.on('console', (m: ConsoleMessage) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(env.harness.url({ theme: options.theme, manualFrames: options.manualFrames, sanitizer: options.sanitizer }));
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  const t: TestPage = {
    page,
    console: consoleLines,
    async send(...messages) {
      await page.evaluate((ms) => { for (const m of ms) window.postMessage(m, '*'); }, messages);
      // postMessage is asynchronous: a round trip through the page's task queue delivers them.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
      await t.frames();
    },
    posted: () => page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted),
    clearPosted: () => page.evaluate(() => { (window as unknown as { __posted: unknown[] }).__posted.length = 0; }),
    async waitForPosted(type) {
      const handle = await page.waitForFunction((ty) => {
        const all = (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === ty);
        return all.length ? all[all.length - 1] : undefined;
      }, type, { timeout: 5000 });
      return (await handle.jsonValue()) as never;
    },
    async frames() {
      if (options.manualFrames) await page.evaluate(() => (window as unknown as { __runFrames(): number }).__runFrames());
      else await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    },
    async framesUntil(selector) {
      await page.waitForFunction((sel) => {
        (window as unknown as { __runFrames?(): number }).__runFrames?.();
        return document.querySelector(sel) !== null;
      }, selector, { polling: 20, timeout: 5000 });
    },
    async stream(id, deltas, framesEvery = 1, field = 'text') {
      if (!options.manualFrames) throw new Error('stream() needs a manualFrames page');
      await page.evaluate(({ id, deltas, every, field }) => {
        const w = window as unknown as { __runFrames(): number };
        deltas.forEach((d, i) => {
          window.dispatchEvent(new MessageEvent('message', { data: { type: 'delta', id, [field]: d } }));
          if ((i + 1) % every === 0) w.__runFrames();
        });
        w.__runFrames();
      }, { id, deltas, every: framesEvery, field });
    },
    close: () => context.close(),
  };
  await t.send({ type: 'init', version: '0.0.0-test', mode: options.mode ?? 'chat' });
  return t;
}

// ------------------------------------------------------------------------------ fixtures

export const MODEL: ModelView = { id: 'k1/gpt-4.1', name: 'GPT-4.1', providerLabel: 'OpenAI', keyName: 'work' };
export const MODEL_B: ModelView = { id: 'k2/claude-sonnet-4-5', name: 'Claude Sonnet 4.5', providerLabel: 'Anthropic', keyName: 'personal' };
export const MODEL_C: ModelView = { id: 'k3/gemini-2.5-pro', name: 'Gemini 2.5 Pro', providerLabel: 'Google Gemini', keyName: 'team' };

export function chatState(patch: Partial<ChatState> = {}): ChatState {
  return {
    conversationId: 'c1',
    title: 'Test chat',
    messages: [],
    totals: { inputTokens: 0, outputTokens: 0, costUsd: 0, pricedAnswers: 0, unpricedAnswers: 0 },
    model: MODEL,
    hasKeys: true,
    attachments: [],
    busy: false,
    ...patch,
  };
}

let nextId = 0;
export function userMessage(text: string, patch: Partial<MessageView> = {}): MessageView {
  return { id: `u${++nextId}`, role: 'user', text, createdAt: Date.now(), ...patch };
}

export function assistantMessage(text: string, patch: Partial<MessageView> = {}): MessageView {
  return { id: `a${++nextId}`, role: 'assistant', text, model: MODEL, status: 'complete', createdAt: Date.now(), ...patch };
}

/** Splits text into deltas of `size` code points (never inside a surrogate pair, like the host). */
export function chunks(text: string, size: number): string[] {
  const points = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < points.length; i += size) out.push(points.slice(i, i + size).join(''));
  return out;
}

/** The selector of an element by its data-testid. */
export const tid = (id: string): string => `[data-testid="${id}"]`;

/**
 * A fresh chat page for each test of the calling describe(), showing an empty conversation with nothing
 * posted yet; `use` receives it before each test (closed after it).
 */
export function freshChatPagePerTest(use: (page: TestPage) => void): void {
  let page: TestPage | undefined;
  beforeEach(async () => {
    page = await openPage();
    await page.send({ type: 'state', state: chatState() });
    await page.clearPosted();
    use(page);
  });
  afterEach(() => page?.close());
}
