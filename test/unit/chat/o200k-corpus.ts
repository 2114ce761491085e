// Texts that the exact o200k counter and its pre-tokenizer are held against gpt-tokenizer on: every source and
// test file of this repository, the README, some large .d.ts files from node_modules, text in many scripts, and
// the strings a tokenizer gets wrong first (special-token markers, lone surrogates, long runs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TEXT_FILE = /\.(ts|mts|mjs|cjs|js|json|css|md|sh|html)$/;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (TEXT_FILE.test(name)) out.push(path);
  }
  return out;
}

/** Deterministic pseudo-random numbers, so a failure can be reproduced. */
export function random(seed: number): (below: number) => number {
  let s = seed >>> 0;
  return (below) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % below;
  };
}

const bytes = (n: number, seed: number): Buffer => {
  const next = random(seed);
  return Buffer.from(Array.from({ length: n }, () => next(256)));
};

/** Hand-picked texts: scripts, marks, emoji, special tokens as plain text, invalid UTF-16, whitespace, long runs. */
export const HARD_TEXTS: Record<string, string> = {
  chinese: '我们在这里讨论模型的上下文窗口以及如何计算令牌数量。这个扩展让开发者使用自己的密钥。',
  japanese: 'トークナイザーは日本語のテキストを分割します。ひらがな、カタカナ、漢字。ｶﾀｶﾅ',
  korean: '안녕하세요, 토큰 수를 정확하게 세어야 합니다. 한글 자모: 각',
  cyrillic: 'Быстрая коричневая лиса прыгает через ленивую собаку. ЁЖИК В ТУМАНЕ, Ёжик.',
  arabic: 'مرحبا بالعالم، هذا نص عربي مع أرقام ١٢٣٤٥٦ وتشكيل: مُحَمَّدٌ',
  hebrewGreekHindiThai: 'שלום עולם — Ελληνικά ΑΒΓ — नमस्ते दुनिया — สวัสดีชาวโลก',
  emoji: '🎉🚀👍🏽👨‍👩‍👧‍👦🤖✨🏳️‍🌈 mixed with text 😀😃😄 🇩🇪🇯🇵 1️⃣ #️⃣ ❤️‍🔥',
  zwj: 'a\u200db \u200c\u200d\u2060 👩🏾‍💻 🧑‍🤝‍🧑 \ufeffBOM',
  combining: 'e\u0301 a\u0300\u0316 Z\u0351\u0352\u0353 n\u0303o\u0308 x\u20dd 한\u0301 \u0301start',
  letterClasses: 'ǅungla ǈ ʰʲ ᵃᵇ ª º ǂ ƻ Ⅻ ⅻ ² ³ ¼ ٣ ߁ 𝟘𝟙 𝐀𝐁𝐜 𝔄𝔞',
  loneSurrogates: 'a\ud800b \udc00c \udbff\udbff \udc00\ud800 end\ud83d x\ude00 \ud83d\ude00 \ud800',
  specialTokens: '<|endoftext|> <|im_start|>user<|im_end|> <|fim_prefix|>x<|fim_middle|>y<|fim_suffix|> <|endofprompt|> <|im_sep|><|endoftext|><|endoftext|>',
  contractions: "don't I'LL we've THEY'RE she'd it's I'M o'clock rock'n'roll ''' 'sS 'll 'LL 'Ll 've 're 'd'd HTTPServer'S",
  whitespace: '    \n\n\t\t  \r\n   x   \n \u00a0\u00a0y\u3000\u3000z\u2028\u2029 \v\f \r\r\n\n  \t \n',
  controls: '\u0000\u0001\u0007\u001b[31mred\u001b[0m\u007f\u0080\u0085\u009f',
  unicodeSpaces: 'a\u2000b\u2001\u2002c\u2003\u2009d\u200ae\u202ff\u205fg\u1680h \u00a0i',
  rare: '\u{10FFFF}\u{1D400}\uFFFD\uFFFE\uFFFF 𓀀𓀁 ꙮ \u{E0001}\u{E0041} 𠜎𠜱',
  longWord: 'a'.repeat(2_000),
  longCapitalised: 'Supercalifragilisticexpialidocious'.repeat(60),
  longSymbols: '='.repeat(1_500) + '-'.repeat(800) + '/*'.repeat(300),
  longDigits: '3141592653589793238462643383279502884197169399375105820974944592'.repeat(30),
  longSpaces: ' '.repeat(3_000) + 'x' + '\t'.repeat(500) + '\n'.repeat(300),
  longCjk: '漢字かな交じり文'.repeat(400),
  longRandomLetters: Array.from({ length: 6_000 }, (_, i) => String.fromCharCode(97 + ((i * 7919 + (i >> 3)) % 26))).join(''),
  longCyrillicWord: 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'.repeat(120),
  longMixedScripts: 'naïveκόσμεЖжé\u0301'.repeat(300),
  longEmojiRun: '🎉👍🏽🤖✨'.repeat(300),
  base64: bytes(30_000, 1).toString('base64'),
  base64url: bytes(3_000, 2).toString('base64url'),
  hex: bytes(5_000, 3).toString('hex'),
  hexUpper: bytes(2_000, 4).toString('hex').toUpperCase(),
  mixed: ('Lorem ipsum dolor sit amet, 漢字 🎉 naïve café — résumé. ' + "It's 3.14159! <tag attr='x'>//comment\r\n").repeat(50),
};

/** The repository's own files and some large .d.ts files, by path. */
export function fileTexts(): Record<string, string> {
  const paths = [
    ...filesUnder('src'), ...filesUnder('test'), 'README.md', 'CHANGELOG.md', 'package.json',
    'node_modules/typescript/lib/lib.es5.d.ts', 'node_modules/@types/vscode/index.d.ts',
    'node_modules/openai/resources/chat/completions/completions.d.ts',
  ];
  return Object.fromEntries(paths.map((p) => [p, readFileSync(p, 'utf8')]));
}

/** Characters that stress each alternative of the o200k pre-tokenizer and each path of the merge. */
const ALPHABET = [
  ...'aeZQxsStTlLvVrRdDmMeE'.split(''), "'", "'", '0', '7', '9', ' ', ' ', ' ', '\t', '\n', '\r', '\v', '\f', '/', '/',
  '(', ')', '.', ';', '-', '_', '"', '<', '|', '>', '\u0000', '\u007f', '\u001b', 'é', 'É', '\u0301', '\u00a0', '\u3000',
  '\u2028', '٣', '²', '漢', 'か', 'Ж', 'ж', '🎉', '👍🏽', '\ud800', '\udc00', 'ǅ', 'ʰ', '—', '\u200d', '\ufeff', '€',
];

/** Random short strings over that alphabet, and random strings of any ASCII character. */
export function randomTexts(count: number, seed: number): string[] {
  const next = random(seed);
  const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
  return Array.from({ length: count }, (_, i) => {
    const alphabet = i % 2 ? ALPHABET : ascii.concat(ALPHABET.slice(0, 40));
    let s = '';
    for (let n = 1 + next(24); n > 0; n--) s += alphabet[next(alphabet.length)]!;
    return s;
  });
}
