// Benchmarks, run by `npm run bench` (all) or `npm run bench -- <name>…` (some). Each bench prints
// its own figures and goals; none asserts, because timings depend on the machine.
import { editBench } from './edit';
import { renderBench } from './render';
import { streamOverhead } from './stream-overhead';
import { streamNoise } from './stream-noise';
import { inlineBench } from './inline';
import { usageBench } from './usage';
import { tokenCountBench } from './token-count';

export interface Bench {
  name: string;
  description: string;
  run(): Promise<void>;
  /** A diagnostic that runs only when named (`npm run bench -- <name>`), not in the full run. */
  onlyByName?: boolean;
}

/** Add new benches here. */
const BENCHES: Bench[] = [streamOverhead, streamNoise, renderBench, inlineBench, editBench, usageBench, tokenCountBench];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const chosen = BENCHES.filter((b) => (wanted.length === 0 ? !b.onlyByName : wanted.includes(b.name)));
  if (chosen.length === 0) {
    console.error(`No bench named ${wanted.join(', ')}. Known: ${BENCHES.map((b) => b.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  for (const bench of chosen) {
    // A bench re-run in a fresh Node (isolated.ts) was already announced by its parent.
    if (!process.env.BYOK_BENCH_ISOLATED) console.log(`\n## ${bench.name}: ${bench.description}\n`);
    await bench.run();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
