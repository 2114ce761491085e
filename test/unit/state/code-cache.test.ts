import assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { hasFreshCache, loadWithCodeCache, moduleErrors, prebuildCodeCache, prebuildInWorker } from '../../../src/core/code-cache';

interface Fixture { value: number; sibling: string; filename: string; dirname: string; self: unknown; later(a: number, b: number): number }

/** A small CommonJS "app" with a lazily required sibling, as dist/app.js requires dist/sdk/*.js. */
function fixture(body = 'exports.value = 42;'): { dir: string; file: string; cacheDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'byok-code-cache-'));
  writeFileSync(join(dir, 'sibling.js'), 'module.exports = "from the sibling";');
  const file = join(dir, 'app.js');
  writeFileSync(file, `${body}\nexports.sibling = require('./sibling.js');\nexports.filename = __filename;\nexports.dirname = __dirname;\nexports.self = module.exports;\nfunction later(a, b) { return a * b + 1; }\nexports.later = later;`);
  return { dir, file, cacheDir: join(dir, 'storage', 'code-cache') };
}
// A fresh script name per load: V8 would otherwise reuse this process's own compile of the same file and never look at the cache.
let loads = 0;
const load = (file: string, dir: string | undefined, version = '1.0.0') => loadWithCodeCache<Fixture>(file, { dir, version, scriptName: `${file}#${++loads}` });
const prebuild = (file: string, dir: string | undefined, version = '1.0.0') => prebuildCodeCache(file, { dir, version, scriptName: `${file}#${++loads}` });
const cacheFiles = (cacheDir: string): string[] => { try { return readdirSync(cacheDir); } catch { return []; } };
const wrap = (source: string): string => `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

describe('code cache for dist/app.js (V8 data, keyed, never trusted blindly)', () => {
  const made: string[] = [];
  const make = (body?: string) => { const f = fixture(body); made.push(f.dir); return f; };
  afterEach(() => { for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true }); });

  it('loads a CommonJS file as require would: exports, a require that resolves from its folder, __filename, require.cache', () => {
    const { file, dir, cacheDir } = make();
    const loaded = load(file, cacheDir);
    assert.equal(loaded.exports.value, 42);
    assert.equal(loaded.exports.sibling, 'from the sibling');
    assert.equal(loaded.exports.filename, file);
    assert.equal(loaded.exports.dirname, dir);
    assert.equal(loaded.exports.self, loaded.exports);
    assert.equal(require.cache[file]?.exports, loaded.exports, 'the same module a later require(file) returns');
    delete require.cache[file];
  });

  it('first load compiles; save writes one file of V8 data named by key and data hash; the next load uses it', () => {
    const { file, cacheDir } = make();
    const first = load(file, cacheDir);
    assert.equal(first.outcome, 'none');
    assert.deepEqual(first.save(), { written: true });
    const files = cacheFiles(cacheDir);
    assert.equal(files.length, 1);
    const data = readFileSync(join(cacheDir, files[0]!));
    assert.match(files[0]!, new RegExp(`^v8-[0-9a-f]{16}-${createHash('sha256').update(data).digest('hex').slice(0, 16)}\\.bin$`));
    // Nothing but what V8 itself produced: V8 accepts the bytes as they are for this source.
    const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: `${file}#check`, cachedData: data });
    assert.equal(script.cachedDataRejected, false);
    assert.ok(!data.includes('1.0.0') && !data.includes(files[0]!.slice(3, 19)), 'neither the version nor the key is written into the data');
    const second = load(file, cacheDir);
    assert.equal(second.outcome, 'used');
    assert.equal(second.exports.value, 42);
    assert.deepEqual(second.save(), { written: false }, 'a used cache is not rewritten');
    delete require.cache[file];
  });

  it('garbage under the right name is damaged: deleted unread by V8, the file still loads, and save rewrites a good cache', () => {
    const { file, cacheDir } = make();
    load(file, cacheDir).save();
    const [name] = cacheFiles(cacheDir);
    const data = readFileSync(join(cacheDir, name!));
    data.fill(0x5a, 32, 256); // damaged in the middle, the header intact: V8 alone would not notice
    writeFileSync(join(cacheDir, name!), data);
    const loaded = load(file, cacheDir);
    assert.equal(loaded.outcome, 'damaged');
    assert.equal(loaded.exports.value, 42);
    assert.deepEqual(cacheFiles(cacheDir), [], 'the damaged file is gone');
    assert.deepEqual(loaded.save(), { written: true });
    assert.equal(load(file, cacheDir).outcome, 'used');
    delete require.cache[file];
  });

  it('V8 data for another source under the right name is rejected by V8, the file still loads, and save replaces it', () => {
    const { file, cacheDir } = make();
    load(file, cacheDir).save();
    const [name] = cacheFiles(cacheDir);
    const foreign = new Script(wrap('exports.other = function () { return 1; };')).createCachedData();
    const key = name!.slice(0, 'v8-'.length + 16);
    rmSync(join(cacheDir, name!));
    writeFileSync(join(cacheDir, `${key}-${createHash('sha256').update(foreign).digest('hex').slice(0, 16)}.bin`), foreign);
    const loaded = load(file, cacheDir);
    assert.equal(loaded.outcome, 'rejected');
    assert.equal(loaded.exports.later(3, 4), 13);
    assert.deepEqual(loaded.save(), { written: true });
    assert.equal(cacheFiles(cacheDir).length, 1, 'the rejected file was replaced, not kept beside');
    assert.equal(load(file, cacheDir).outcome, 'used');
    delete require.cache[file];
  });

  it('a changed app.js, a new extension version or a new mtime never reads the old cache; the next save drops it', () => {
    const { file, cacheDir } = make();
    load(file, cacheDir).save();
    assert.equal(load(file, cacheDir, '1.0.1').outcome, 'none', 'another extension version');
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    assert.equal(load(file, cacheDir).outcome, 'none', 'another mtime');
    writeFileSync(file, readFileSync(file, 'utf8').replace('42', '43'));
    const changed = load(file, cacheDir);
    assert.equal(changed.outcome, 'none', 'another content');
    assert.equal(changed.exports.value, 43);
    changed.save();
    assert.equal(cacheFiles(cacheDir).length, 1, 'only the current cache is kept');
    delete require.cache[file];
  });

  it('saving keeps another window\'s temporary file being written, and drops one left behind by a crash', () => {
    const { file, cacheDir } = make();
    load(file, cacheDir).save();
    const writing = join(cacheDir, 'v8-0123456789abcdef-0123456789abcdef.bin.999.tmp');
    const crashed = join(cacheDir, 'v8-fedcba9876543210-fedcba9876543210.bin.998.tmp');
    writeFileSync(writing, 'half');
    writeFileSync(crashed, 'half');
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(crashed, old, old);
    writeFileSync(file, readFileSync(file, 'utf8').replace('42', '44'));
    load(file, cacheDir).save();
    const left = cacheFiles(cacheDir);
    assert.ok(left.includes('v8-0123456789abcdef-0123456789abcdef.bin.999.tmp'), 'a file being written by another window stays');
    assert.ok(!left.includes('v8-fedcba9876543210-fedcba9876543210.bin.998.tmp'), 'a crashed write is cleaned up');
    assert.equal(left.filter((f) => f.endsWith('.bin')).length, 1);
    delete require.cache[file];
  });

  it('an unwritable cache folder: the file loads and save reports the error instead of throwing; no folder means no cache', () => {
    const { file, dir } = make();
    const blocked = join(dir, 'not-a-folder');
    writeFileSync(blocked, 'a file where the folder should be');
    const loaded = load(file, join(blocked, 'code-cache'));
    assert.equal(loaded.outcome, 'none');
    assert.equal(loaded.exports.value, 42);
    const saved = loaded.save();
    assert.equal(saved.written, false);
    assert.ok(saved.error);
    const off = load(file, undefined);
    assert.equal(off.outcome, 'off');
    assert.deepEqual(off.save(), { written: false });
    delete require.cache[file];
  });

  it('an app.js that throws while loading: the error is the caller\'s, and nothing half-loaded stays in require.cache', () => {
    const { file, cacheDir } = make('throw new Error("app failed to load");');
    assert.throws(() => load(file, cacheDir), /app failed to load/);
    assert.equal(require.cache[file], undefined);
  });

  it('a pre-built cache: the file compiled but never run, V8 accepts its data, and a load takes it as pre-built', () => {
    // The "app" would leave a mark on globalThis if it ran.
    const { file, cacheDir } = make('globalThis.byokPrebuildRan = true; exports.value = 42;');
    const g = globalThis as { byokPrebuildRan?: boolean };
    assert.deepEqual(prebuild(file, cacheDir), { outcome: 'written' });
    assert.equal(g.byokPrebuildRan, undefined, 'nothing of the file ran');
    assert.equal(require.cache[file], undefined, 'not in require.cache: a later require still runs it');
    const files = cacheFiles(cacheDir);
    assert.equal(files.length, 1);
    const data = readFileSync(join(cacheDir, files[0]!));
    assert.match(files[0]!, new RegExp(`^v8-[0-9a-f]{16}-${createHash('sha256').update(data).digest('hex').slice(0, 16)}\\.pre\\.bin$`));
    const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: `${file}#check-pre`, cachedData: data });
    assert.equal(script.cachedDataRejected, false, 'V8 accepts the pre-built data');
    const loaded = load(file, cacheDir);
    assert.equal(loaded.outcome, 'prebuilt');
    assert.equal(loaded.exports.value, 42);
    assert.equal(loaded.exports.later(2, 5), 11);
    assert.equal(g.byokPrebuildRan, true, 'the load runs it');
    delete g.byokPrebuildRan;
    delete require.cache[file];
  });

  it('the pre-build in a worker thread: nothing runs, the main thread\'s V8 accepts the worker\'s data, and a load takes it as pre-built', async () => {
    // The worker as the build makes it (dist/code-cache-worker.js), bundled here from its source.
    const workerFile = join(mkdtempSync(join(tmpdir(), 'byok-cc-worker-')), 'code-cache-worker.js');
    buildSync({ entryPoints: ['src/core/code-cache-worker.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: workerFile, logLevel: 'error' });
    const { file, cacheDir } = make('globalThis.byokWorkerPrebuildRan = true; exports.value = 42;');
    assert.deepEqual(await prebuildInWorker(workerFile, file, { dir: cacheDir, version: '1.0.0' }), { outcome: 'written' });
    const g = globalThis as { byokWorkerPrebuildRan?: boolean };
    assert.equal(g.byokWorkerPrebuildRan, undefined, 'nothing of the file ran');
    assert.equal(cacheFiles(cacheDir).filter((n) => n.endsWith('.pre.bin')).length, 1);
    const loaded = load(file, cacheDir);
    assert.equal(loaded.outcome, 'prebuilt', 'V8 on this thread took the data made on the worker\'s');
    assert.equal(loaded.exports.value, 42);
    delete g.byokWorkerPrebuildRan;
    delete require.cache[file];
    // A second pre-build finds it; a worker that cannot start, or gets no folder, fails softly.
    assert.deepEqual(await prebuildInWorker(workerFile, file, { dir: cacheDir, version: '1.0.0' }), { outcome: 'exists' });
    assert.equal((await prebuildInWorker(join(cacheDir, 'missing-worker.js'), file, { dir: cacheDir, version: '1.0.0' })).outcome, 'failed');
    assert.deepEqual(await prebuildInWorker(workerFile, file, { dir: undefined, version: '1.0.0' }), { outcome: 'off' });
  });

  it('after a use that loaded the pre-built cache, save replaces it once with the post-run data; the next load uses that', () => {
    const { file, cacheDir } = make();
    prebuild(file, cacheDir);
    const [pre] = cacheFiles(cacheDir);
    const first = load(file, cacheDir);
    assert.equal(first.outcome, 'prebuilt');
    first.exports.later(1, 1); // a function the use compiled: the post-run data holds it
    assert.deepEqual(first.save(), { written: true });
    const files = cacheFiles(cacheDir);
    assert.equal(files.length, 1, `the pre-built file is replaced, not kept beside (found ${files.join(', ')})`);
    assert.notEqual(files[0], pre);
    assert.match(files[0]!, /^v8-[0-9a-f]{16}-[0-9a-f]{16}\.bin$/, 'a post-run cache, not marked pre-built');
    const second = load(file, cacheDir);
    assert.equal(second.outcome, 'used');
    assert.deepEqual(second.save(), { written: false }, 'and is not rewritten again');
    assert.deepEqual(prebuild(file, cacheDir), { outcome: 'exists' }, 'a pre-build never replaces the post-run cache');
    assert.deepEqual(cacheFiles(cacheDir), files);
    delete require.cache[file];
  });

  it('pre-build: an existing cache for this build stops it; a new build gets one; no folder, or an unwritable one, never throws', () => {
    const { file, dir, cacheDir } = make();
    assert.deepEqual(prebuild(file, cacheDir), { outcome: 'written' });
    assert.deepEqual(prebuild(file, cacheDir), { outcome: 'exists' });
    assert.deepEqual(prebuild(file, cacheDir, '1.0.1'), { outcome: 'written' }, 'an update pre-builds its own');
    assert.equal(cacheFiles(cacheDir).length, 1, 'and drops the older version\'s');
    assert.deepEqual(prebuild(file, undefined), { outcome: 'off' });
    const blocked = join(dir, 'not-a-folder');
    writeFileSync(blocked, 'a file where the folder should be');
    const failed = prebuild(file, join(blocked, 'code-cache'));
    assert.equal(failed.outcome, 'failed');
    assert.ok(failed.error);
    assert.equal(prebuild(join(dir, 'missing.js'), cacheDir).outcome, 'failed', 'no app.js: failed, not thrown');
  });

  it('a damaged pre-built cache is damaged like any other: deleted unread by V8, and the load compiles', () => {
    const { file, cacheDir } = make();
    prebuild(file, cacheDir);
    const [name] = cacheFiles(cacheDir);
    const data = readFileSync(join(cacheDir, name!));
    data.fill(0x5a, 32, Math.min(256, data.length));
    writeFileSync(join(cacheDir, name!), data);
    const loaded = load(file, cacheDir);
    assert.equal(loaded.outcome, 'damaged');
    assert.equal(loaded.exports.value, 42);
    assert.deepEqual(cacheFiles(cacheDir), []);
    delete require.cache[file];
  });

  it('hasFreshCache: a cache written after the file is found with one listing; none, an older one or no folder is not', () => {
    const { file, cacheDir } = make();
    assert.equal(hasFreshCache(cacheDir, file), false, 'no folder yet');
    prebuild(file, cacheDir);
    assert.equal(hasFreshCache(cacheDir, file), true);
    // The file changes after the cache was written (an update): the cache is older than the file.
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    assert.equal(hasFreshCache(cacheDir, file), false);
  });

  it('an error from the file\'s own code is marked, so the bootstrap does not run the file a second time', () => {
    const { file, cacheDir } = make('throw new RangeError("app failed");');
    let thrown: unknown;
    try { load(file, cacheDir); } catch (e) { thrown = e; }
    assert.ok(thrown instanceof RangeError);
    assert.equal(moduleErrors.has(thrown), true);
  });
});
