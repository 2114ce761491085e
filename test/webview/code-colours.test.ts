// One background per code block, in every theme kind: nothing inside a block (the <pre>, the <code>,
// a highlight.js token span) paints its own background, even under the stylesheet VS Code injects into
// every webview (which gives each <code> the textPreformat background: a band behind each line, and in
// High Contrast Dark a white box). The contrast of the colours themselves is measured with the real
// themes in the ui tier (test/ui/themes.test.ts).
import assert from 'node:assert/strict';
import { assistantMessage, chatState, openPage, type TestPage, userMessage } from './support';

/** VS Code's own webview rule for <code> (workbench/contrib/webview/browser/pre/index.html, 1.104), with its textPreformat values per theme kind. */
const VSCODE_DEFAULT_STYLES = `
  body.vscode-dark { --vscode-textPreformat-foreground: #d0d0d0; --vscode-textPreformat-background: #3c3c3c; }
  body.vscode-light { --vscode-textPreformat-foreground: #3b3b3b; --vscode-textPreformat-background: #0000001f; }
  body.vscode-high-contrast { --vscode-textPreformat-foreground: #000000; --vscode-textPreformat-background: #ffffff; }
  code {
    font-family: var(--monaco-monospace-font);
    color: var(--vscode-textPreformat-foreground);
    background-color: var(--vscode-textPreformat-background);
    padding: 1px 3px;
    border-radius: 4px;
  }
  pre code { padding: 0; }`;

const ANSWER = [
  'Use `load()` here.',
  '',
  '```ts',
  'export class Config<T> { async load(): Promise<T | null> { return JSON.parse("{}") as T; } } // why',
  'const n = 42, ok = true, re = /a+/g;',
  '```',
  '',
  '```python',
  '@dataclass',
  'def norm(self) -> float: return 0.5  # note',
  '```',
  '',
  '```diff',
  '- old',
  '+ new',
  '```',
].join('\n');

async function render(theme: string): Promise<TestPage> {
  const t = await openPage({ theme });
  // The harness's CSP refuses inline <style>; a constructed sheet is not subject to it. Its place in the
  // cascade does not matter here: VS Code's rules are plain type selectors, below any class selector of ours.
  const applied = await t.page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return getComputedStyle(document.body).getPropertyValue('--vscode-textPreformat-background');
  }, VSCODE_DEFAULT_STYLES);
  assert.ok(applied, 'VS Code\'s default webview styles are in force');
  await t.send({ type: 'state', state: chatState({ messages: [userMessage('code please'), assistantMessage(ANSWER, { id: 'a' })] }) });
  await t.page.locator('[data-message-id="a"] .hljs-keyword').first().waitFor();
  return t;
}

describe('code colours', () => {
  for (const theme of ['dark', 'light', 'hc']) {
    it(`a code block has one background and no per-line or per-token backgrounds (${theme}, under VS Code's default webview styles)`, async () => {
      const t = await render(theme);
      try {
        const found = await t.page.evaluate(() => {
          const painted: string[] = [];
          let tokens = 0;
          for (const block of document.querySelectorAll('[data-message-id="a"] .code-block')) {
            for (const el of block.querySelectorAll('pre, pre *')) {
              if (el.className.includes('hljs-')) tokens++;
              const bg = getComputedStyle(el).backgroundColor;
              if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') painted.push(`${el.tagName.toLowerCase()}.${el.className}: ${bg}`);
            }
          }
          return { painted, tokens, blocks: document.querySelectorAll('[data-message-id="a"] .code-block').length };
        });
        assert.equal(found.blocks, 3);
        assert.ok(found.tokens > 10, `highlighted tokens rendered (${found.tokens})`);
        assert.deepEqual(found.painted, []);
      } finally {
        await t.close();
      }
    });

    it(`inline code and code-block text never take the same colour as what is behind them (${theme})`, async () => {
      const t = await render(theme);
      try {
        const pairs = await t.page.evaluate(() => {
          const opaque = (el: Element | null): string => {
            for (let e = el; e; e = e.parentElement) {
              const bg = getComputedStyle(e).backgroundColor;
              if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
            }
            return getComputedStyle(document.body).backgroundColor;
          };
          return [...document.querySelectorAll('[data-message-id="a"] code')].map((c) => ({ text: c.textContent?.slice(0, 20), color: getComputedStyle(c).color, background: opaque(c) }));
        });
        assert.ok(pairs.length >= 4);
        for (const p of pairs) assert.notEqual(p.color, p.background, `"${p.text}" is ${p.color} on ${p.background}`);
      } finally {
        await t.close();
      }
    });
  }

  it('no stylesheet rule gives a highlight.js token a background', async () => {
    const t = await openPage({});
    try {
      const offenders = await t.page.evaluate(() => {
        const out: string[] = [];
        const visit = (rules: CSSRuleList): void => {
          for (const rule of rules) {
            if (rule instanceof CSSStyleRule && /hljs/.test(rule.selectorText)) {
              const bg = rule.style.getPropertyValue('background-color') || rule.style.getPropertyValue('background');
              if (bg && bg !== 'transparent') out.push(`${rule.selectorText} { background: ${bg} }`);
            }
            if ('cssRules' in rule) visit((rule as CSSGroupingRule).cssRules);
          }
        };
        let hljsRules = 0;
        for (const sheet of document.styleSheets) {
          visit(sheet.cssRules);
          hljsRules += [...sheet.cssRules].filter((r) => r instanceof CSSStyleRule && r.selectorText.includes('hljs')).length;
        }
        return { out, hljsRules };
      });
      assert.ok(offenders.hljsRules > 5, `the highlight.js colour rules are loaded (${offenders.hljsRules})`);
      assert.deepEqual(offenders.out, []);
    } finally {
      await t.close();
    }
  });
});
