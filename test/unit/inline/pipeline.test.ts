// The pipeline's promises, each in the tier where it lives: route choice is data, the chat hole-filler is
// parsed strictly, post-processing fixes what users complain about, the debounce adapts, and the cache
// and in-flight reuse mean typing along a suggestion makes no request.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { CompletionCache } from '../../../src/core/inline/cache';
import { gatherSnippets, midWord, wantsMultiline, windows } from '../../../src/core/inline/context';
import { AdaptiveDebounce } from '../../../src/core/inline/debounce';
import { holeFillerRequest, HOLE, parseHoleFiller } from '../../../src/core/inline/hole-filler';
import { InlinePause } from '../../../src/core/inline/pause';
import { balanceBrackets, postProcess, stopAtSuffix, stopRepetition, stripWrappers } from '../../../src/core/inline/post-process';
import { inlineRoute } from '../../../src/core/inline/route';
import { findPreset } from '../../../src/core/providers/presets';

const fakeClock = (): { now(): number; advance(ms: number): void } => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => { t += ms; } };
};

describe('inline: route is decided by data', () => {
  it('Codestral on Mistral takes Mistral FIM; another Mistral model fills in through chat', () => {
    assert.deepEqual(inlineRoute(findPreset('mistral'), 'codestral-latest', undefined), { kind: 'fim', route: 'mistral-fim', label: 'Codestral FIM (codestral-latest)' });
    assert.deepEqual(inlineRoute(findPreset('mistral'), 'mistral-large-latest', undefined), { kind: 'chat', label: 'chat fill-in via mistral-large-latest' });
  });
  it('DeepSeek chat takes the beta FIM endpoint; the reasoner does not', () => {
    assert.equal(inlineRoute(findPreset('deepseek'), 'deepseek-chat', undefined).kind, 'fim');
    assert.equal(inlineRoute(findPreset('deepseek'), 'deepseek-reasoner', undefined).kind, 'chat');
  });
  it('Qwen coder models take DashScope completions; Qwen chat models do not', () => {
    assert.deepEqual(inlineRoute(findPreset('qwen'), 'qwen2.5-coder-32b-instruct', undefined), { kind: 'fim', route: 'dashscope-completions', label: 'Qwen coder FIM (qwen2.5-coder-32b-instruct)' });
    assert.equal(inlineRoute(findPreset('qwen'), 'qwen-max', undefined).kind, 'chat');
  });
  it('Ollama and custom hosts are probed once, then the remembered answer decides', () => {
    assert.deepEqual(inlineRoute(findPreset('ollama'), 'qwen2.5-coder:7b', undefined), { kind: 'probe', candidates: ['ollama-generate'] });
    assert.equal(inlineRoute(findPreset('ollama'), 'qwen2.5-coder:7b', 'ollama-generate').kind, 'fim');
    assert.equal(inlineRoute(findPreset('ollama'), 'llama3.1:8b', 'chat').kind, 'chat');
    assert.deepEqual(inlineRoute(findPreset('openai-compatible'), 'm', undefined), { kind: 'probe', candidates: ['llamacpp-infill', 'openai-completions'] });
  });
  it('OpenAI, Anthropic, Gemini, Bedrock and Azure fill in through chat, named in the label', () => {
    for (const id of ['openai', 'anthropic', 'gemini', 'bedrock', 'azure', 'groq']) {
      assert.equal(inlineRoute(findPreset(id), 'm', undefined).kind, 'chat', id);
    }
    assert.deepEqual(inlineRoute(findPreset('anthropic'), 'claude-haiku-4-5', undefined), { kind: 'chat', label: 'chat fill-in via claude-haiku-4-5' });
  });
});

describe('inline: the chat hole-filler', () => {
  it('puts the marker at the cursor and asks for strict tags with temperature 0', () => {
    const r = holeFillerRequest({ prefix: 'a = ', suffix: '\nb = 2', languageId: 'python', fileName: 'x.py', maxOutputTokens: 128, multiline: false });
    const text = (r.messages[0]!.content[0] as { text: string }).text;
    assert.ok(text.endsWith(`a = ${HOLE}\nb = 2`));
    assert.match(r.system!, /<COMPLETION><\/COMPLETION>/);
    assert.equal(r.temperature, 0);
    assert.equal(r.maxOutputTokens, 128);
  });
  it('takes the text between the tags, after a <think> block', () => {
    assert.equal(parseHoleFiller('<COMPLETION>return a + b</COMPLETION>'), 'return a + b');
    assert.equal(parseHoleFiller('<think>the user wants a sum</think>\n<COMPLETION>a + b</COMPLETION>\n'), 'a + b');
  });
  it('shows nothing rather than a broken fragment: prose around the tags, no closing tag, nested tags, the marker echoed', () => {
    assert.equal(parseHoleFiller('Sure! Here is the code: <COMPLETION>x</COMPLETION>'), undefined);
    assert.equal(parseHoleFiller('<COMPLETION>x</COMPLETION> Let me know if you need more.'), undefined);
    assert.equal(parseHoleFiller('<COMPLETION>return a +'), undefined);
    assert.equal(parseHoleFiller('return a + b'), undefined);
    assert.equal(parseHoleFiller('<COMPLETION><COMPLETION>x</COMPLETION>'), undefined);
    assert.equal(parseHoleFiller(`<COMPLETION>a = ${HOLE}</COMPLETION>`), undefined);
  });
});

describe('inline: post-processing (cases from real complaints)', () => {
  it('strips Markdown fences, <think> blocks and leaked FIM or completion tags', () => {
    assert.equal(stripWrappers('```python\nreturn a + b\n```'), 'return a + b');
    assert.equal(stripWrappers('<think>hmm</think>return 1'), 'return 1');
    assert.equal(stripWrappers('return 1<|fim_middle|><|endoftext|>'), 'return 1');
    assert.equal(stripWrappers('<COMPLETION>x</COMPLETION>'), 'x');
  });
  it('never repeats the code after the cursor (Continue #1792-style suffix repetition)', () => {
    const suffix = '\n    return total\n';
    assert.equal(stopAtSuffix('for x in xs:\n        total += x\n    return total\n', suffix), 'for x in xs:\n        total += x');
    assert.equal(postProcess('a, b)', { prefix: 'print(', suffix: ')', multiline: false }), 'a, b');
    assert.equal(postProcess('name}!"', { prefix: 'f"Hello {', suffix: '}!"', multiline: false }), 'name');
  });
  it('balances brackets against what follows: an auto-closed paren is not closed twice', () => {
    assert.equal(balanceBrackets('foo(a, b))', ')'), 'foo(a, b)');
    assert.equal(balanceBrackets('x[0])', ')'), 'x[0]');
    assert.equal(balanceBrackets('foo(a, b)', ''), 'foo(a, b)');
  });
  it('stops runaway repetition, keeping two copies at most', () => {
    assert.equal(stopRepetition('x = 1\nprint(x)\nprint(x)\nprint(x)\nprint(x)'), 'x = 1\nprint(x)\nprint(x)');
  });
  it('single line mid-line: only the rest of the line', () => {
    assert.equal(postProcess('a + b\n\ndef other():\n    pass', { prefix: 'def f(a, b):\n    return ', suffix: '', multiline: false }), 'a + b');
  });
  it('multi-line at an empty line: ends with the block instead of running into the next function', () => {
    const out = postProcess('total = 0\n    for x in xs:\n        total += x\n    return total\n\ndef other():\n    pass', { prefix: 'def s(xs):\n    ', suffix: '', multiline: true });
    assert.equal(out, 'total = 0\n    for x in xs:\n        total += x\n    return total');
  });
  it('a suggestion that only echoes the end of the line before the cursor is dropped', () => {
    assert.equal(postProcess('a + b', { prefix: '    return a + b', suffix: '\n', multiline: false }), undefined);
    assert.equal(postProcess('a + b', { prefix: '    return ', suffix: '\n', multiline: false }), 'a + b');
  });
  it('nothing left: no suggestion', () => {
    assert.equal(postProcess('```\n```', { prefix: 'x = ', suffix: '', multiline: false }), undefined);
    assert.equal(postProcess(')', { prefix: 'print(', suffix: ')', multiline: false }), undefined);
  });
});

describe('inline: adaptive debounce (fake clock)', () => {
  it('starts at the setting, ×1.5 after a rejection, ×0.8 after an acceptance', () => {
    const clock = fakeClock();
    const d = new AdaptiveDebounce(150, clock);
    assert.equal(d.delayMs, 150);
    d.rejected();
    assert.equal(d.delayMs, 225);
    d.accepted();
    assert.equal(d.delayMs, 180);
  });
  it('is clamped to 50–3,000 ms', () => {
    const d = new AdaptiveDebounce(150, fakeClock());
    for (let i = 0; i < 30; i++) d.rejected();
    assert.equal(d.delayMs, 3000);
    for (let i = 0; i < 60; i++) d.accepted();
    assert.equal(d.delayMs, 50);
    assert.equal(new AdaptiveDebounce(10, fakeClock()).delayMs, 50);
  });
  it('decays back toward the start over minutes', () => {
    const clock = fakeClock();
    const d = new AdaptiveDebounce(150, clock);
    for (let i = 0; i < 30; i++) d.rejected();
    clock.advance(2 * 60_000);
    assert.equal(d.delayMs, 150 + (3000 - 150) / 2);
    clock.advance(20 * 60_000);
    assert.ok(d.delayMs < 155);
  });
});

describe('inline: cache and context', () => {
  it('typing the characters a suggestion shows gets the rest of it from the cache', () => {
    const cache = new CompletionCache();
    cache.put('def f(a, b):\n    return ', '\n', 'a + b');
    assert.equal(cache.get('def f(a, b):\n    return ', '\n'), 'a + b');
    assert.equal(cache.get('def f(a, b):\n    return a', '\n'), ' + b');
    assert.equal(cache.get('def f(a, b):\n    return a +', '\n'), ' b');
    assert.equal(cache.get('def f(a, b):\n    return x', '\n'), undefined, 'a different character');
    assert.equal(cache.get('def f(a, b):\n    return a + b', '\n'), undefined, 'all typed: nothing left');
    assert.equal(cache.get('def f(a, b):\n    return a', '\nmore'), undefined, 'another suffix');
  });
  it('works on long files where the key prefix is a tail cut at its limit', () => {
    const cache = new CompletionCache();
    const long = 'x = 1\n'.repeat(2000);
    cache.put(long, '', 'print(x)');
    assert.equal(cache.get(long + 'pri', ''), 'nt(x)');
  });
  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new CompletionCache(2);
    cache.put('a', '', '1'); cache.put('b', '', '2'); cache.put('c', '', '3');
    assert.equal(cache.get('a', ''), undefined);
    assert.equal(cache.get('c', ''), '3');
  });
  it('the windows stay within the token budget, prefix-heavy, cut at line boundaries', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `line ${i} = ${i}`).join('\n');
    const offset = text.indexOf('line 2500 = ') + 'line 2500 = '.length;
    const { prefix, suffix } = windows(text, offset, 1500);
    assert.ok(prefix.length + suffix.length <= 1500 * 4);
    assert.ok(prefix.length > 2 * suffix.length);
    assert.ok(prefix.startsWith('line '), 'starts at a line start');
    assert.ok(prefix.endsWith('line 2500 = '));
    assert.ok(suffix.startsWith('2500\n'));
  });
  it('snippet sources that are late or fail are skipped, not waited for', async () => {
    const started = Date.now();
    const snippets = await gatherSnippets([
      () => [{ fileName: 'a.py', text: 'def helper(x):\n    return x * 2\n' }],
      () => new Promise((r) => setTimeout(() => r([{ fileName: 'late.py', text: 'def late():\n    pass  # slow source' }]), 500)),
      () => { throw new Error('broken'); },
    ], 1500, 20);
    assert.deepEqual(snippets.map((s) => s.fileName), ['a.py']);
    assert.ok(Date.now() - started < 300);
  });
  it('single-line mid-line, multi-line on an empty line; no request mid-word', () => {
    assert.equal(wantsMultiline('def f():\n    ', ''), true);
    assert.equal(wantsMultiline('x = ', ''), false);
    assert.equal(wantsMultiline('    ', ')'), false);
    assert.equal(midWord('pri', 'nt(x)'), true);
    assert.equal(midWord('print(', ')'), false);
  });
});

describe('inline: errors without spam', () => {
  it('a 429 pauses quietly until its Retry-After; then completions resume', () => {
    const clock = fakeClock();
    const pause = new InlinePause(clock);
    assert.equal(pause.failed(new ProviderError({ kind: 'rate-limit', provider: 'groq', message: 'slow down', retryAfterMs: 30_000 })), 'quiet');
    assert.equal(pause.paused, true);
    clock.advance(29_000);
    assert.equal(pause.paused, true);
    clock.advance(1_001);
    assert.equal(pause.paused, false);
  });
  it('an auth or quota error notifies once and pauses until the key or model changes', () => {
    const pause = new InlinePause(fakeClock());
    const auth = new ProviderError({ kind: 'auth', provider: 'mistral', message: 'bad key' });
    assert.equal(pause.failed(auth), 'notify');
    assert.equal(pause.failed(new ProviderError({ kind: 'quota', provider: 'mistral', message: 'no money' })), 'quiet');
    assert.equal(pause.paused, true);
    pause.resume();
    assert.equal(pause.paused, false);
    assert.equal(pause.failed(auth), 'notify');
  });
});
