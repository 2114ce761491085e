// mocha's spec reporter plus one plain closing line, "<tier>: N passed, N failed", that CI reads.
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const tier = process.env.BYOK_TIER ?? 'tests';
    runner.once('end', () => {
      const s = runner.stats;
      console.log(`${tier}: ${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ''}`);
    });
  }
}

module.exports = SummaryReporter;
