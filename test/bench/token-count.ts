// What provideTokenCount's counting costs in Node, per tokenizer, the figures the host suite `token-count` prints
// from the real extension host: a short and a 10,000-character text counted again and again; 40 never-seen
// 10,000-character texts (code, prose, JSON) after a warm-up on 20 others (median and p90); and the first count
// right after the tokenizer loaded (cold). The o200k counter is the one the VSIX ships (o200k.ts over the Brotli
// rank file); the baseline, in the same run, is gpt-tokenizer's own countTokens on the same texts. Goals: 0.05 ms
// short, 2 ms for 10,000 characters.
import { cpuUsage } from 'node:process';
import { decodeRankSource, o200kTokenizer } from '../../src/core/chat/o200k';
import { cachedCount, estimateTokens } from '../../src/core/chat/tokens';
import { o200kRanksBrotli } from '../support/rig/o200k-ranks.mjs';
import type { Bench } from './index';
import { percentile, SHORT, tokenTexts, type TokenTexts } from './token-texts';

const plain = { disallowedSpecial: new Set<string>() };

interface Figures {
  load: number;
  cold: number;
  neverSeen: number[];
  neverSeenCpu: number[];
  short: number;
  repeated: number;
}

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const value = f();
  return [value, performance.now() - t];
}

/** Mean ms per call over n calls, after one. */
function perCall(n: number, f: () => unknown): number {
  f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - t) / n;
}

/** Everything but the load, for one counting function (wrapped in the extension's text cache, as provideTokenCount is). */
function measure(count: (text: string) => number, texts: TokenTexts, load: number): Figures & { counts: number[] } {
  const cached = cachedCount(count);
  const [, cold] = time(() => cached(texts.neverSeen[0]!.slice(1) + '.'));
  for (const text of texts.warmUp) cached(text);
  const neverSeen: number[] = [];
  const neverSeenCpu: number[] = [];
  const counts: number[] = [];
  for (const text of texts.neverSeen) {
    const c = cpuUsage();
    const [n, ms] = time(() => cached(text));
    const used = cpuUsage(c);
    neverSeen.push(ms);
    neverSeenCpu.push((used.user + used.system) / 1000);
    counts.push(n);
  }
  return { load, cold, neverSeen, neverSeenCpu, counts, short: perCall(20_000, () => cached(SHORT)), repeated: perCall(2_000, () => cached(texts.repeated)) };
}

const ms = (x: number, digits = 2): string => `${x.toFixed(digits)} ms`;

function line(name: string, f: Figures): string {
  return `${name.padEnd(26)} short ${ms(f.short, 4)}, 10,000 chars repeated ${ms(f.repeated, 4)}; never seen: median ${ms(percentile(f.neverSeen, 0.5))}, `
    + `p90 ${ms(percentile(f.neverSeen, 0.9))}, max ${ms(Math.max(...f.neverSeen))} (CPU median ${ms(percentile(f.neverSeenCpu, 0.5))}, p90 ${ms(percentile(f.neverSeenCpu, 0.9))}); `
    + `load ${ms(f.load, 1)}, then the first 10,000-char count ${ms(f.cold)}`;
}

export const tokenCountBench: Bench = {
  name: 'token-count',
  description: 'provideTokenCount\'s counting per call: short and repeated 10,000-char texts, 40 never-seen 10,000-char texts after a warm-up, the first count after load',
  async run() {
    const texts = tokenTexts(process.cwd());
    const data = o200kRanksBrotli();
    // Ours first, then the library: each loads and counts its first text cold.
    const [ours, oursLoad] = time(() => o200kTokenizer(decodeRankSource(data)));
    const o200k = measure((s) => ours.countTokens(s), texts, oursLoad);
    const t = performance.now();
    const library = await import('gpt-tokenizer/encoding/o200k_base');
    const libraryLoad = performance.now() - t;
    const baseline = measure((s) => library.countTokens(s, plain), texts, libraryLoad);
    const estimate = measure(estimateTokens, texts, 0);
    // One long word (a minified line, a run of letters in a data URI): the merge is no longer quadratic.
    const word = Array.from({ length: 30_000 }, (_, i) => String.fromCharCode(97 + ((i * 7919 + (i >> 3)) % 26))).join('');
    const [oursWord, oursWordMs] = time(() => ours.countTokens(word));
    const [libraryWord, libraryWordMs] = time(() => library.countTokens(word, plain));
    const wrong = o200k.counts.filter((n, i) => n !== baseline.counts[i]).length + (oursWord === libraryWord ? 0 : 1);

    console.log(`${texts.neverSeen.length} never-seen texts of 10,000 characters after ${texts.warmUp.length} warm-up texts; goals ≤ 0.05 ms short, ≤ 2 ms for 10,000 characters`);
    console.log(line('o200k (shipped counter)', o200k));
    console.log(line('o200k (gpt-tokenizer)', baseline));
    console.log(line('estimate', estimate));
    const ratio = (a: number[], b: number[], p: number): string => (percentile(a, p) / percentile(b, p)).toFixed(2);
    console.log(`never seen, shipped / gpt-tokenizer: median ${ratio(o200k.neverSeen, baseline.neverSeen, 0.5)}×, p90 ${ratio(o200k.neverSeen, baseline.neverSeen, 0.9)}×, `
      + `CPU median ${ratio(o200k.neverSeenCpu, baseline.neverSeenCpu, 0.5)}×; load ${(oursLoad / libraryLoad).toFixed(2)}×, first count ${(o200k.cold / baseline.cold).toFixed(2)}×`);
    console.log(`one 30,000-letter word: shipped ${ms(oursWordMs, 1)}, gpt-tokenizer ${ms(libraryWordMs, 1)} (${(oursWordMs / libraryWordMs).toFixed(3)}×)`);
    console.log(`counts: ${wrong === 0 ? 'the shipped counter agrees with gpt-tokenizer on every text' : `${wrong} texts DIFFER from gpt-tokenizer`}`);
    if (wrong) process.exitCode = 1;
  },
};
