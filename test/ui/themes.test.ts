// Code stays readable in every theme kind: inline code, code-block text and every highlight.js token
// the answer uses are measured in the real webview (computed colours, composited over the backgrounds
// behind them) against WCAG AA (4.5:1 for text), in the chat and in Compare, for Light Modern, Dark
// Modern, High Contrast and High Contrast Light. Screenshots of both in each theme land in the ui
// screenshot folder.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { addKeyByPalette, simControl } from './support/keys';
import { clickRow, runCommand } from './support/palette';
import { chatFrame, openWorkbench, type Workbench } from './support/workbench';

const sim = (): string => process.env.BYOK_SIMULATOR_URL ?? '';

/** A Markdown answer with inline code and fences in several languages, so most token classes appear. */
const ANSWER = [
  'Call `parseConfig(path)` with a **path**, or set `BYOK_DEBUG=1` first.',
  '',
  '```ts',
  '// Reads the config once and caches it.',
  'import { readFile } from "node:fs/promises";',
  'export class Config<T extends object> {',
  '  private static cache = new Map<string, unknown>();',
  '  constructor(readonly path: string, public retries = 3) {}',
  '  async load(): Promise<T | null> {',
  '    const text = await readFile(this.path, "utf8");',
  '    if (text.length === 0) return null; // empty file',
  '    return JSON.parse(text) as T;',
  '  }',
  '}',
  '@decorator()',
  'const pattern = /^v(\\d+)\\.(\\d+)$/u, ok = true, big = 0x1f;',
  'console.log(`loaded ${pattern.source}`);',
  '```',
  '',
  '```python',
  '@dataclass',
  'class Point:',
  '    """A point in the plane."""',
  '    x: float = 0.0',
  '    def norm(self) -> float:',
  '        return (self.x ** 2) ** 0.5 if self.x is not None else None  # math',
  '```',
  '',
  '```json',
  '{ "name": "byok", "version": 2, "private": true, "files": null }',
  '```',
  '',
  '```bash',
  '#!/usr/bin/env bash',
  'export NAME="world"; echo "Hello, ${NAME}" | grep -c o > /dev/null && exit 0',
  '```',
  '',
  '```diff',
  '@@ -1,2 +1,2 @@',
  '- const a = 1;',
  '+ const a = 2;',
  '```',
  '',
  '```css',
  '.button:hover, #main > a[href^="http"] { color: #ff0000 !important; margin: 0 4px; }',
  '@media (max-width: 600px) { body { display: none; } }',
  '```',
  '',
  '```html',
  '<!DOCTYPE html>',
  '<a href="https://example.com" class="link">Example &amp; more</a>',
  '```',
  '',
  '```sql',
  "SELECT id, COUNT(*) AS total FROM users WHERE name LIKE 'a%' GROUP BY id;",
  '```',
  '',
  '```rust',
  '#[derive(Debug)]',
  "fn main() { let v: Vec<u8> = vec![1, 2]; println!(\"{:?} {}\", v, 'c'); }",
  '```',
  '',
  '```yaml',
  'name: build  # the workflow',
  'on: [push]',
  'env: { RETRIES: 3, ENABLED: true }',
  '```',
  '',
  '```markdown',
  '# Title',
  '- *emphasis* and **strong** with a [link](https://example.com)',
  '```',
].join('\n');

const THEMES = [
  { name: 'Light Modern', slug: 'light', workbench: 'vs', body: 'vscode-light' },
  { name: 'Dark Modern', slug: 'dark', workbench: 'vs-dark', body: 'vscode-dark' },
  { name: 'Dark High Contrast', slug: 'hc-dark', workbench: 'hc-black', body: 'vscode-high-contrast' },
  { name: 'Light High Contrast', slug: 'hc-light', workbench: 'hc-light', body: 'vscode-high-contrast-light' },
] as const;

const shot = (name: string): string => join(process.env.BYOK_SCREENSHOTS ?? '', `${name}.png`);

/** Picks a colour theme as a person would (the same palette command the chat suite's light screenshot uses). */
async function chooseTheme(page: Page, label: string): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  await clickRow(page, label);
}

/** The BYOK webview document that holds `selector` (the chat view and the Compare panel are two). */
async function frameWith(page: Page, selector: string): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    for (const f of page.frames()) {
      if (await f.locator(selector).count().catch(() => 0)) return f;
    }
    await page.waitForTimeout(150);
  }
  throw new Error(`no webview shows ${selector}`);
}

interface Finding { what: string; text: string; color: string; background: string; ratio: number }
interface Audit { findings: Finding[]; tokenClasses: string[]; blockBackgrounds: string[]; plain: string; kinds: Record<string, string> }

/** One token of each kind a reader tells apart; each must differ from plain code text. */
const KINDS: Record<string, string> = {
  keyword: '.hljs-keyword', string: '.hljs-string', number: '.hljs-number', literal: '.hljs-literal',
  function: '.hljs-title.function_', type: '.hljs-title.class_', variable: '.hljs-attr', comment: '.hljs-comment',
};

/**
 * Runs in the webview: for inline code, code-block text and each highlight.js token span under `root`,
 * the computed text colour over the effective background (every ancestor's background composited,
 * alpha included, over `canvasVar`, the surface VS Code paints behind the webview).
 */
function audit(args: { root: string; canvasVar: string; kinds?: Record<string, string> }): Audit {
  type RGBA = [number, number, number, number];
  const probe = document.createElement('span');
  document.body.append(probe);
  const parse = (css: string): RGBA => {
    probe.style.color = '';
    probe.style.color = css;
    const m = /rgba?\(([^)]+)\)/.exec(getComputedStyle(probe).color);
    const p = (m?.[1] ?? '0,0,0,0').split(/[,\s/]+/).filter(Boolean).map(Number);
    return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 1];
  };
  const over = (top: RGBA, below: RGBA): RGBA => {
    const a = top[3] + below[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i: number): number => (top[i]! * top[3] + below[i]! * below[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const canvas = parse(getComputedStyle(document.documentElement).getPropertyValue(args.canvasVar).trim() || 'white');
  const background = (el: Element): RGBA => {
    const layers: RGBA[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
    return layers.reverse().reduce((below, top) => over(top, below), [canvas[0], canvas[1], canvas[2], 1] as RGBA);
  };
  const luminance = (c: RGBA): number => {
    const ch = (v: number): number => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
  };
  const hex = (c: RGBA): string => `#${[c[0], c[1], c[2]].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  const measure = (what: string, el: Element): Finding => {
    const bg = background(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
    return { what, text: (el.textContent ?? '').slice(0, 30), color: hex(fg), background: hex(bg), ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100 };
  };
  const findings: Finding[] = [];
  const classes = new Set<string>();
  const blockBackgrounds: string[] = [];
  for (const root of document.querySelectorAll(args.root)) {
    for (const code of root.querySelectorAll(':not(pre) > code')) findings.push(measure('inline code', code));
    for (const code of root.querySelectorAll('pre > code')) {
      findings.push(measure(`code block (${code.className || 'plain'})`, code));
      // One background for the whole block (.code-block): the <pre>, the <code> and every token span paint
      // none of their own (10b: an inline <code> background draws a ragged band behind each line).
      for (const inner of [code.parentElement!, code, ...code.querySelectorAll('*')]) {
        const bg = parse(getComputedStyle(inner).backgroundColor);
        if (bg[3] > 0) blockBackgrounds.push(`${inner.tagName.toLowerCase()}.${inner.className}: ${getComputedStyle(inner).backgroundColor}`);
      }
    }
    for (const span of root.querySelectorAll('pre code [class*="hljs-"]')) {
      const name = [...span.classList].join('.');
      classes.add(name);
      if (!(span.textContent ?? '').trim()) continue;
      findings.push(measure(`.${name}`, span));
    }
  }
  probe.remove();
  const first = document.querySelector(`${args.root} pre > code`);
  const kinds: Record<string, string> = {};
  for (const [kind, selector] of Object.entries(args.kinds ?? {})) {
    const token = document.querySelector(`${args.root} pre code ${selector}`);
    if (token) kinds[kind] = getComputedStyle(token).color;
  }
  return { findings, tokenClasses: [...classes].sort(), blockBackgrounds, plain: first ? getComputedStyle(first).color : '', kinds };
}

/** Unique failures (one line per element kind and colour pair) below `min`. */
function failures(a: Audit, min: number): string[] {
  const lines = a.findings.filter((f) => f.ratio < min).map((f) => `${f.what} ${f.color} on ${f.background} = ${f.ratio}:1 ("${f.text}")`);
  return [...new Set(lines.map((l) => l.replace(/ \("[^]*"\)$/, '')))].map((k) => lines.find((l) => l.startsWith(k)) ?? k);
}

describe('code colours in every theme (WCAG AA)', () => {
  let wb: Workbench;
  let chat: Frame;
  let compare: Frame;
  const problems: string[] = [];

  before(async () => {
    await simControl('reset', {});
    wb = await openWorkbench();
    const { page } = wb;
    await addKeyByPalette(page, 'Custom OpenAI-compatible host', 'themes', 'sk-ui-themes-1', `${sim()}/v1`);
    await runCommand(page, 'BYOK: Select Chat Model');
    await clickRow(page, 'sim-model-1', 'themes');
    await runCommand(page, 'BYOK: Open Chat');
    const composer = chatFrame(page).getByTestId('composer');
    await composer.waitFor({ state: 'visible', timeout: 30_000 });
    await simControl('reply', { text: ANSWER, chunkChars: 400 });
    await composer.click();
    await composer.fill('Show me code in a few languages');
    await composer.press('Enter');
    const answer = chatFrame(page).locator('[data-testid="message"][data-role="assistant"]').last();
    await answer.and(chatFrame(page).locator('[data-status="complete"]')).waitFor({ timeout: 30_000 });

    await runCommand(page, 'BYOK: Compare Models');
    const panel = page.frameLocator('iframe.webview[src*="extensionId=byok.byok"]').last().frameLocator('iframe#active-frame');
    await panel.getByTestId('compare-run').waitFor({ timeout: 30_000 });
    const checked = panel.locator('input[type="checkbox"]:checked');
    while (await checked.count() > 0) await checked.first().uncheck();
    await panel.locator('label').filter({ hasText: /sim.model.1/i }).locator('input[type="checkbox"]').check();
    await panel.locator('label').filter({ hasText: /sim.model.2/i }).locator('input[type="checkbox"]').check();
    await panel.getByTestId('compare-prompt').fill('Show me code in a few languages');
    await panel.getByTestId('compare-run').click();
    await panel.locator('[data-testid="compare-column"][data-status="complete"]').nth(1).waitFor({ timeout: 30_000 });
    chat = await frameWith(page, '[data-testid="composer"]');
    compare = await frameWith(page, '[data-testid="compare-columns"]');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb.screenshot(`FAILED-themes-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    // Later suites expect the default theme.
    await chooseTheme(wb.page, 'Dark Modern').catch(() => undefined);
    await wb?.close();
  });

  for (const theme of THEMES) {
    it(`inline code, code-block text and every token are readable (4.5:1) in ${theme.name}, in the chat and in Compare`, async () => {
      const { page } = wb;
      await chooseTheme(page, theme.name);
      await page.locator(`.monaco-workbench.${theme.workbench}`).waitFor({ timeout: 30_000 });
      await chat.locator(`body.${theme.body}`).waitFor({ timeout: 30_000 });
      await compare.locator(`body.${theme.body}`).waitFor({ timeout: 30_000 });
      // The screenshots come first, so a failure still leaves something to look at. The chat shows the
      // answer's end (its last blocks); a second shot scrolls back to its start (inline code, TypeScript).
      await wb.screenshot(`themes-${theme.slug}-chat-and-compare`);
      const chatView = page.locator('iframe.webview[src*="extensionId=byok.byok"]').first();
      await chat.locator('[data-role="assistant"] [data-testid="message-body"] p').first().scrollIntoViewIfNeeded();
      await chatView.screenshot({ path: shot(`themes-${theme.slug}-chat`) });
      await page.locator('iframe.webview[src*="extensionId=byok.byok"]').last().screenshot({ path: shot(`themes-${theme.slug}-compare`) });

      const inChat = await chat.evaluate(audit, { root: '[data-role="assistant"] [data-testid="message-body"]', canvasVar: '--vscode-sideBar-background', kinds: KINDS });
      const inCompare = await compare.evaluate(audit, { root: '[data-testid="compare-column"] [data-testid="message-body"]', canvasVar: '--vscode-editor-background', kinds: KINDS });
      for (const [where, a] of [['chat', inChat], ['compare', inCompare]] as const) {
        const min = Math.min(...a.findings.map((f) => f.ratio));
        console.log(`      ${theme.slug} ${where}: ${a.findings.length} code texts measured, lowest contrast ${min}:1; token classes: ${a.tokenClasses.join(' ')}`);
        assert.ok(a.findings.some((f) => f.what === 'inline code') && a.tokenClasses.length >= 10, `${where}: the answer rendered inline code and highlighted code (${a.tokenClasses.length} token classes)`);
        for (const f of failures(a, 4.5)) problems.push(`${theme.slug} ${where}: ${f}`);
        for (const s of a.blockBackgrounds) problems.push(`${theme.slug} ${where}: paints its own background inside a code block: ${s}`);
        // Highlighting that collapses to the text colour is no highlighting (keywords in high contrast, comments in Light Modern).
        assert.deepEqual(Object.keys(a.kinds).sort(), Object.keys(KINDS).sort(), `${where}: one token of each kind rendered`);
        for (const [kind, color] of Object.entries(a.kinds)) if (color === a.plain) problems.push(`${theme.slug} ${where}: ${kind} tokens have the plain text colour ${color}`);
        const distinct = new Set(Object.values(a.kinds)).size;
        if (distinct < 6) problems.push(`${theme.slug} ${where}: only ${distinct} distinct token colours: ${JSON.stringify(a.kinds)}`);
      }
      const mine = problems.filter((p) => p.startsWith(`${theme.slug} `));
      assert.deepEqual(mine, [], `code below WCAG AA or with per-line backgrounds in ${theme.name}:\n${mine.join('\n')}`);
    });
  }

  it('request ids in the request log are readable (4.5:1) in all four themes', async () => {
    const { page } = wb;
    // It opens over Compare (the four theme tests above are done with it).
    await runCommand(page, 'BYOK: Show Request Log');
    const log = await frameWith(page, '.request-id code');
    const lines: string[] = [];
    for (const theme of THEMES) {
      await chooseTheme(page, theme.name);
      await page.locator(`.monaco-workbench.${theme.workbench}`).waitFor({ timeout: 30_000 });
      await log.locator(`body.${theme.body}`).waitFor({ timeout: 30_000 });
      await page.locator('iframe.webview[src*="extensionId=byok.byok"]').last().screenshot({ path: shot(`themes-${theme.slug}-request-log`) });
      const a = await log.evaluate(audit, { root: 'body', canvasVar: '--vscode-editor-background' });
      assert.ok(a.findings.length > 0, 'the log shows request ids');
      console.log(`      ${theme.slug} request log: ${a.findings.length} request ids, lowest contrast ${Math.min(...a.findings.map((f) => f.ratio))}:1`);
      lines.push(...failures(a, 4.5).map((f) => `${theme.slug}: ${f}`));
    }
    assert.deepEqual(lines, []);
  });
});
