// The size check `npm run package` runs on the VSIX (test/support/rig/size-report.mjs, size-budget.json).
import assert from 'node:assert/strict';
import { checkBudget, readBudget, sizeTable, zipEntries, type SizeBudget, type ZipEntry } from '../support/rig/size-report.mjs';

const KB = 1024;
const budget: SizeBudget = { vsixKB: 1536, files: { 'extension/dist/app.js': 400, 'extension/dist/webview/codicon-*.ttf': 130 } };
const entries = (over: Partial<Record<string, number>> = {}): ZipEntry[] => [
  { name: 'extension/dist/app.js', raw: (over.app ?? 350) * KB, stored: 110 * KB },
  { name: 'extension/dist/webview/codicon-B3TTTKGI.ttf', raw: (over.font ?? 123) * KB, stored: 60 * KB },
  { name: 'extension/readme.md', raw: 47 * KB, stored: 19 * KB },
];

/** A zip's central directory and end record, as vsce writes them (local headers are not read). */
function zipOf(files: ZipEntry[]): Buffer {
  const central = files.map((f) => {
    const name = Buffer.from(f.name, 'utf8');
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt32LE(f.stored, 20);
    h.writeUInt32LE(f.raw, 24);
    h.writeUInt16LE(name.length, 28);
    return Buffer.concat([h, name]);
  });
  const body = Buffer.alloc(100); // stands for the local headers and data
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(body.length, 16);
  return Buffer.concat([body, dir, end]);
}

describe('package size budget', () => {
  it('a VSIX within every budget passes', () => {
    assert.deepEqual(checkBudget(entries(), 1400 * KB, budget), []);
  });

  it('a VSIX over 1,536 KB fails, whatever its files', () => {
    const breaches = checkBudget(entries(), 1537 * KB, budget);
    assert.equal(breaches.length, 1);
    assert.match(breaches[0]!, /the VSIX is 1,537\.0 KB, over its budget of 1536 KB/);
  });

  it('a file over its own budget fails and is named, even when the VSIX is small', () => {
    const breaches = checkBudget(entries({ app: 401 }), 900 * KB, budget);
    assert.deepEqual(breaches, ['extension/dist/app.js is 401.0 KB, over its budget of 400 KB']);
  });

  it('a budget pattern covers a hashed file name, and a budget that matches nothing is reported as stale', () => {
    assert.match(checkBudget(entries({ font: 131 }), 900 * KB, budget)[0]!, /codicon-B3TTTKGI\.ttf is 131\.0 KB/);
    const stale = checkBudget(entries(), 900 * KB, { ...budget, files: { ...budget.files, 'extension/dist/sdk/gone.js': 10 } });
    assert.deepEqual(stale, ['the budget for extension/dist/sdk/gone.js matches no file in the VSIX']);
  });

  it('the table lists every file, largest in the VSIX first, with raw and stored sizes, and the total', () => {
    const table = sizeTable(entries(), 1400 * KB, budget).split('\n');
    assert.match(table[0]!, /file\s+raw KB\s+in VSIX\s+share\s+budget KB/);
    assert.match(table[1]!, /^extension\/dist\/app\.js\s+350\.0\s+110\.0\s+7\.9%\s+400$/);
    assert.match(table[2]!, /codicon-B3TTTKGI\.ttf\s+123\.0\s+60\.0/);
    assert.match(table[3]!, /readme\.md\s+47\.0\s+19\.0\s+1\.4%\s*$/);
    assert.match(table[4]!, /^total: 3 files .*\s520\.0\s+189\.0/);
    assert.match(table[5]!, /^VSIX\s+1,400\.0\s+100%\s+1536$/);
  });

  it('reads names and sizes from the zip\'s central directory', () => {
    const files = [{ name: 'extension/dist/app.js', raw: 358_000, stored: 110_123 }, { name: 'extension/ü.md', raw: 5, stored: 7 }];
    assert.deepEqual(zipEntries(zipOf(files)), files);
    assert.throws(() => zipEntries(Buffer.from('not a zip at all, just text')), /not a zip/);
  });

  it('the budget file keeps the VSIX at 1.5 MB or less and budgets the big bundles', () => {
    const real = readBudget('test/support/rig/size-budget.json');
    assert.ok(real.vsixKB <= 1536, `vsixKB ${real.vsixKB}`);
    for (const file of ['extension/dist/app.js', 'extension/dist/sdk/o200k_base.ranks.json.br', 'extension/dist/sdk/aws.js', 'extension/dist/webview/main.js']) {
      assert.ok(real.files[file] !== undefined, `no budget for ${file}`);
    }
  });
});
