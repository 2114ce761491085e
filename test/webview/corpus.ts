// Realistic model answers for tests and the render bench: headings, paragraphs with inline code,
// links and emphasis, loose and tight lists, fenced code in several languages, tables, quotes, and
// multi-byte text. Deterministic (seeded), so runs compare like with like.

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

const WORDS = ('the a to of and in is it you that for on with as this be are can use your by from or will an not '
  + 'function value return request stream token model key provider cache error retry response context window '
  + 'configuration settings editor file workspace extension command terminal output build test deploy').split(' ');
const SPICE = ['naïve', 'café', 'über', '✓', '🚀', '日本語', 'Ελληνικά', '—', '…', '«quoted»', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'];

const CODE: Record<string, string[]> = {
  ts: ['export async function fetchModels(key: string): Promise<Model[]> {', '  const response = await fetch(`${base}/models`, {',
    "    headers: { authorization: `Bearer ${key}` },", '  });', '  if (!response.ok) throw new Error(`HTTP ${response.status}`);',
    '  const body = (await response.json()) as { data: Model[] };', '  return body.data.filter((m) => m.id.startsWith("gpt"));', '}'],
  python: ['def retry(fn, attempts=3, delay=0.5):', '    """Call fn until it succeeds."""', '    for i in range(attempts):',
    '        try:', '            return fn()', '        except TimeoutError as e:', '            time.sleep(delay * 2 ** i)', '    raise RuntimeError("gave up")'],
  bash: ['npm install --save-dev esbuild', 'export OPENAI_API_KEY="sk-…"', 'node esbuild.mjs --production && ls -la dist/',
    'for f in src/*.ts; do echo "$f"; done'],
  json: ['{', '  "byok.chat.model": "anthropic/claude-sonnet-4-5",', '  "byok.allowedModels": ["openai/gpt-4.1*", "anthropic/*"],',
    '  "editor.fontSize": 13', '}'],
};

export function answer(chars: number, seed = 1): string {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const sentence = (): string => {
    const n = 6 + Math.floor(r() * 14);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const x = r();
      if (x < 0.06) words.push(`\`${pick(WORDS)}()\``);
      else if (x < 0.1) words.push(`**${pick(WORDS)}**`);
      else if (x < 0.12) words.push(`[${pick(WORDS)}](https://example.com/${pick(WORDS)})`);
      else if (x < 0.16) words.push(pick(SPICE));
      else words.push(pick(WORDS));
    }
    const s = words.join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = (): string => Array.from({ length: 2 + Math.floor(r() * 4) }, sentence).join(' ');
  const blocks: string[] = [];
  let length = 0;
  while (length < chars) {
    const x = r();
    let block: string;
    if (x < 0.08) block = `${'#'.repeat(2 + Math.floor(r() * 2))} ${sentence().slice(0, 40)}`;
    else if (x < 0.45) block = paragraph();
    else if (x < 0.6) block = Array.from({ length: 2 + Math.floor(r() * 5) }, () => `- ${sentence()}`).join('\n');
    else if (x < 0.7) block = Array.from({ length: 2 + Math.floor(r() * 4) }, (_, i) => `${i + 1}. ${sentence()}`).join('\n\n');
    else if (x < 0.9) {
      const language = pick(Object.keys(CODE));
      const lines = CODE[language]!;
      const n = 3 + Math.floor(r() * 20);
      block = ['```' + language, ...Array.from({ length: n }, (_, i) => lines[i % lines.length]!), '```'].join('\n');
    } else if (x < 0.95) {
      block = ['| Provider | Model | Price |', '|---|:--|--:|', ...Array.from({ length: 2 + Math.floor(r() * 4) }, () => `| ${pick(WORDS)} | ${pick(SPICE)} | $${(r() * 10).toFixed(2)} |`)].join('\n');
    } else block = `> ${sentence()}\n> ${sentence()}`;
    blocks.push(block);
    length += block.length + 2;
  }
  return blocks.join('\n\n').slice(0, chars);
}
