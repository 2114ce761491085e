// Model output is hostile input. Each payload tries to call window.pwn (the harness records it),
// load something, or leave a dangerous element or attribute behind; it arrives as a whole answer,
// streamed in small deltas, as reasoning, in an error, and as a user message.
import assert from 'node:assert/strict';
import { isSafeLink } from '../../src/core/protocol';
import { assistantMessage, chatState, chunks, MODEL, openPage, type TestPage, userMessage } from './support';

export const PAYLOADS = [
  '<script>pwn(1)</script>',
  '<img src=x onerror=pwn(2)>',
  '<svg onload=pwn(3)>',
  '<svg><script>pwn(4)</script></svg>',
  '<iframe srcdoc="<script>parent.pwn(5)</script>"></iframe>',
  '[click](javascript:pwn(6))',
  '[click](JaVaScRiPt:pwn(6))',
  '[click]( javascript:pwn(6) )',
  '[click](&#106;avascript:pwn(6))',
  '[click](java&#x09;script:pwn(6))',
  '[click](vbscript:pwn(6))',
  '<a href="javascript:pwn(7)">raw html link</a>',
  '[data](data:text/html;base64,PHNjcmlwdD5wd24oOCk8L3NjcmlwdD4=)',
  '<a href="data:text/html,<script>pwn(8)</script>">x</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=pwn(9)>',
  '<math href="javascript:pwn(9)">CLICKME</math>',
  '<style>@import "http://127.0.0.1:1/evil.css"; body{background:url(javascript:pwn(10))}</style>',
  '![x](x" onerror="pwn(11))',
  '![x](javascript:pwn(12))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9cHduKDEzKT4=)',
  '<img src="data:image/svg+xml,<svg onload=pwn(13)>">',
  '<javascript:pwn(14)>',
  '<http://example.com" onmouseover="pwn(15)>',
  '&lt;script&gt;pwn(16)&lt;/script&gt; &#60;img src=x onerror=pwn(16)&#62;',
  '<form action="javascript:pwn(17)"><button formaction="javascript:pwn(17)">go</button><input autofocus onfocus=pwn(17)></form>',
  '<object data="javascript:pwn(18)"></object><embed src="javascript:pwn(18)">',
  '<noscript><p title="</noscript><img src=x onerror=pwn(19)>">',
  '<!--<img src="--><img src=x onerror=pwn(20)//">',
  '<div style="background:url(javascript:pwn(21))">styled</div>',
  '```html\n<script>pwn(22)</script>\n<img src=x onerror=pwn(22)>\n```',
  '```"><img src=x onerror=pwn(23)>\ncode with a hostile info string\n```',
  '<base href="javascript:pwn(24)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:pwn(25)">',
  '<details open ontoggle=pwn(26)>',
  '<video><source onerror=pwn(27)></video><audio src=x onerror=pwn(27)>',
  '[title](https://example.com "a\\" onmouseover=\\"pwn(28)")',
  '<a href="https://example.com" onclick="pwn(29)">looks safe</a>',
  '| a |\n|---|\n| <img src=x onerror=pwn(30)> |',
  '<xss autofocus tabindex=1 onfocus=pwn(31)>',
  '<svg><a xlink:href="javascript:pwn(32)"><text x=20 y=20>x</text></a></svg>',
  '<marquee onstart=pwn(33)>',
  '<link rel=stylesheet href="http://127.0.0.1:1/x.css"><link rel=import href=x>',
  'www.example.com/<script>pwn(34)</script> and https://example.com/?q=<img/src/onerror=pwn(34)>',
  '[link](//evil.example/path) [rel](./relative) [file](file:///etc/passwd) [cmd](command:workbench.action.quit)',
  '<template><img src=x onerror=pwn(35)></template><select><option><img src=x onerror=pwn(35)>',
  '\u0000<scr\u0000ipt>pwn(36)</script>',
];

const ALL = PAYLOADS.join('\n\n');

/** Everything dangerous that could be left in rendered model output. */
async function inspect(t: TestPage): Promise<{ pwned: string[]; csp: string[]; elements: string[]; attributes: string[] }> {
  return t.page.evaluate(() => {
    const w = window as unknown as { __pwned: string[]; __cspViolations: string[] };
    const bodies = [...document.querySelectorAll('[data-testid="message-body"], [data-testid="thinking"], [data-testid="error-card"]')];
    const elements: string[] = [];
    const attributes: string[] = [];
    const allowedTags = new Set(['A', 'B', 'BLOCKQUOTE', 'BR', 'CODE', 'DEL', 'DIV', 'EM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR', 'I', 'KBD',
      'LI', 'OL', 'P', 'PRE', 'S', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TABLE', 'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL', 'DETAILS', 'SUMMARY']);
    for (const root of bodies) {
      for (const node of root.querySelectorAll('*')) {
        // Our own toolbar buttons and error-card buttons are not model output.
        if (node.closest('.code-toolbar, .error-actions') && (node.tagName === 'BUTTON' || node.closest('button'))) continue;
        if (!allowedTags.has(node.tagName)) elements.push(node.tagName);
        for (const attr of node.attributes) {
          const name = attr.name.toLowerCase();
          if (name.startsWith('on') || ['style', 'src', 'srcdoc', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'data', 'autofocus', 'target', 'id', 'name'].includes(name)) {
            attributes.push(`${node.tagName} ${name}=${attr.value}`);
          }
          if (name === 'href' && !/^(https?:|mailto:)/i.test(attr.value)) attributes.push(`${node.tagName} href=${attr.value}`);
        }
      }
    }
    return { pwned: w.__pwned, csp: w.__cspViolations, elements, attributes };
  });
}

async function assertClean(t: TestPage, where: string): Promise<void> {
  // Let any delayed handler (onerror after a failed load, autofocus) fire before judging.
  await t.page.waitForTimeout(150);
  const found = await inspect(t);
  assert.deepEqual(found.pwned, [], `${where}: a payload ran`);
  assert.deepEqual(found.csp, [], `${where}: something tried to load or run (CSP violation)`);
  assert.deepEqual(found.elements, [], `${where}: dangerous elements`);
  assert.deepEqual(found.attributes, [], `${where}: dangerous attributes`);
  assert.deepEqual(t.console.filter((l) => !l.startsWith('log:')), [], `${where}: console errors`);
}

describe('XSS in model output', () => {
  let t: TestPage;
  beforeEach(async () => {
    t = await openPage({ manualFrames: true });
    await t.send({ type: 'state', state: chatState({ messages: [userMessage('q')] }) });
  });
  afterEach(() => t.close());

  it('the harness does detect a payload that reaches the DOM (sanity check)', async () => {
    await t.page.evaluate(() => {
      const div = document.createElement('div');
      div.innerHTML = '<img src=x onerror=pwn(0)>';
      document.body.append(div);
    });
    await t.page.waitForTimeout(150);
    const found = await inspect(t);
    assert.ok(found.csp.length > 0, 'the CSP blocks the inline handler and reports it');
  });

  it('renders every payload in one answer as inert text', async () => {
    await t.send({ type: 'message', message: assistantMessage(ALL, { id: 'whole' }) });
    await assertClean(t, 'whole answer');
    const text = await t.page.locator('[data-message-id="whole"] [data-testid="message-body"]').textContent();
    assert.ok(text?.includes('<script>pwn(1)</script>'), 'raw HTML is shown as text');
  });

  for (const size of [1, 3, 20]) {
    it(`streamed in ${size}-character deltas`, async () => {
      await t.send({ type: 'message', message: assistantMessage('', { id: 's', status: 'streaming' }) });
      await t.stream('s', chunks(ALL, size), 2);
      await assertClean(t, `streaming (open blocks) in ${size}-char deltas`);
      await t.send({ type: 'messageEnd', id: 's', status: 'complete' });
      await assertClean(t, `streamed in ${size}-char deltas`);
    });
  }

  it('each payload alone, streamed and whole', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      await t.send({ type: 'message', message: assistantMessage(payload, { id: `w${i}` }) });
      await t.send({ type: 'message', message: assistantMessage('', { id: `s${i}`, status: 'streaming' }) });
      await t.stream(`s${i}`, chunks(payload, 2), 1);
      await t.send({ type: 'messageEnd', id: `s${i}`, status: 'complete' });
    }
    await assertClean(t, 'payloads one by one');
  });

  it('in reasoning, errors, user messages, model names and attachment labels', async () => {
    const hostile = '<img src=x onerror=pwn(40)><script>pwn(41)</script>';
    const model = { ...MODEL, name: hostile, keyName: hostile };
    await t.send({ type: 'state', state: chatState({
      model,
      attachments: [{ id: 'att', kind: 'file', label: hostile, tokens: 12 }],
      notice: hostile,
      messages: [
        userMessage(ALL, { attachments: [{ id: 'a2', kind: 'selection', label: hostile, tokens: 3 }] }),
        assistantMessage('x', { model, reasoning: ALL, status: 'error', error: { kind: 'auth', title: hostile, detail: ALL, actions: ['retry'] } }),
      ],
    }) });
    await t.page.locator('[data-testid="thinking"] summary').click();
    await t.framesUntil('[data-testid="thinking"] .md-block');
    assert.ok((await t.page.locator('[data-testid="thinking"]').textContent())!.includes('<script>pwn(1)</script>'), 'the reasoning was rendered');
    await assertClean(t, 'other fields');
  });

  it('links: javascript: never becomes a link; clicks post only safe openLink requests and never navigate', async () => {
    await t.send({ type: 'message', message: assistantMessage(`${ALL}\n\n[good](https://example.com/ok) <https://example.com/auto> mailto:me@example.com`, { id: 'links' }) });
    const before = t.page.url();
    const links = t.page.locator('[data-message-id="links"] [data-testid="message-body"] a');
    const count = await links.count();
    assert.ok(count >= 3);
    await t.clearPosted();
    for (let i = 0; i < count; i++) {
      await links.nth(i).click();
      await links.nth(i).click({ button: 'middle' });
    }
    const posted = await t.posted();
    assert.ok(posted.length > 0);
    for (const message of posted) {
      assert.ok(message.type === 'openLink' && isSafeLink(message.href), JSON.stringify(message));
    }
    assert.ok(posted.some((m) => m.type === 'openLink' && m.href === 'https://example.com/ok'));
    assert.equal(t.page.url(), before, 'the webview did not navigate');
    await assertClean(t, 'after clicking');
  });

  it('a javascript: link that got past the sanitizer still does nothing when clicked', async () => {
    await t.send({ type: 'message', message: assistantMessage('text', { id: 'inj' }) });
    await t.page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'javascript:pwn(99)';
      a.textContent = 'injected';
      document.querySelector('[data-message-id="inj"] [data-testid="message-body"]')!.append(a);
    });
    await t.clearPosted();
    await t.page.locator('text=injected').click();
    await t.page.waitForTimeout(100);
    assert.deepEqual(await t.posted(), []);
    const found = await inspect(t);
    assert.deepEqual(found.pwned, []);
    assert.deepEqual(found.csp, [], 'the click was stopped before the browser tried the URL');
  });
});

describe('XSS: the sanitizer alone, on raw HTML', () => {
  // The second line of defence: if raw HTML ever reached it (markdown-it with html: true, a bug),
  // DOMPurify's configuration must still leave nothing that runs, loads, navigates or styles.
  it('strips scripts, handlers, frames, SVG, MathML, forms, styles and non-http(s) URLs', async () => {
    const t = await openPage({ manualFrames: true, sanitizer: true });
    await t.send({ type: 'state', state: chatState({ messages: [assistantMessage('x', { id: 'host' })] }) });
    const extra = [
      '<a href="https://example.com" target="_blank" style="color:red" onclick="pwn(50)">ok</a>',
      '<p><a href="mailto:me@example.com">mail</a> <a href="#x">frag</a> <a href="/rel">rel</a></p>',
      '<img src="data:image/png;base64,iVBORw0KGgo=">',
      '<button onclick="pwn(51)">b</button><input value=x><textarea>t</textarea><select></select>',
    ];
    const results = await t.page.evaluate((payloads) => payloads.map((p) => (window as unknown as { __sanitize(html: string): string }).__sanitize(p)), PAYLOADS.concat(extra));
    // Chrome reports CSP violations for handlers in the inert document DOMPurify parses into
    // (cure53/DOMPurify#107, #900): blocked, never run. Only what the sanitized output does counts.
    await t.page.waitForTimeout(100);
    await t.page.evaluate(() => { (window as unknown as { __cspViolations: string[] }).__cspViolations.length = 0; });
    t.console.length = 0;
    await t.page.evaluate((htmls) => {
      const host = document.querySelector('[data-message-id="host"] [data-testid="message-body"]')!;
      for (const html of htmls) {
        const div = document.createElement('div');
        div.innerHTML = html; // attaching the sanitized output is what would run a surviving payload
        host.append(div);
      }
    }, results);
    await assertClean(t, 'sanitized raw HTML');
    const all = results.join('\n');
    // Text is escaped in innerHTML, so a '<tag' here is an element. (Attributes were checked on the DOM.)
    for (const banned of ['<script', '<iframe', '<svg', '<math', '<form', '<img', '<style', '<object', '<embed', '<button', '<input', '<textarea', '<select', '<base', '<meta', '<link', '<noscript', '<template', '<video', '<audio', '<details']) {
      assert.ok(!all.toLowerCase().includes(banned), `${banned} survived: ${results.find((r) => r.toLowerCase().includes(banned))}`);
    }
    assert.ok(all.includes('href="https://example.com"'), 'a plain https link survives');
    assert.ok(all.includes('href="mailto:me@example.com"'), 'mailto survives');
    assert.ok(all.includes('rel="noopener noreferrer"'));
    await t.close();
  });
});
