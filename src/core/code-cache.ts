// Loads a CommonJS file (dist/app.js) with a V8 code cache, so the first use after the first one skips most of
// V8's compile. Node's own compile cache (module.enableCompileCache) is process-wide: turning it on would
// change how every other extension in the host loads, so this caches our one file only.
//
// The cache is one file of V8 data and nothing else: its name carries the key (extension version, the
// file's size, mtime and hash, Node's version) and the data's own hash, because V8 in release builds does
// not checksum code-cache payloads and damaged data must never reach it. Anything unexpected (no cache, a
// foreign or damaged one, V8 refusing it, an unwritable folder) falls back to a plain compile.
//
// The cache is normally written after a first use (V8 then includes every function that use compiled). The
// first use after an install or update would compile cold, so right after activation the bootstrap has a worker
// thread pre-build one (prebuildInWorker): the file compiled (not run) and its data written, marked as pre-built
// in its name. A first use that loads a pre-built cache rewrites it once with the post-run data.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { Worker } from 'node:worker_threads';

/** Errors thrown by the loaded file's own code (not by the cache): a caller must not run the file again for these. */
export const moduleErrors = new WeakSet<object>();

/** What happened to the cache on this load ('prebuilt': V8 took a cache built without running the file). */
export type CodeCacheOutcome = 'used' | 'prebuilt' | 'none' | 'damaged' | 'rejected' | 'off';

/** What prebuildCodeCache did: wrote one, found one for this build already, had no folder, or failed (and why). */
export interface PrebuildResult {
  outcome: 'written' | 'exists' | 'off' | 'failed';
  error?: string;
}

export interface CachedLoad<T> {
  exports: T;
  outcome: CodeCacheOutcome;
  /** Writes the cache for this file unless the load used a post-run one; call it off the hot path. Never throws. */
  save(): { written: boolean; error?: string };
}

export interface CodeCacheOptions {
  /** The folder for the cache (the extension's global storage); undefined turns the cache off. */
  dir: string | undefined;
  /** Part of the key: a new extension version never reads an older version's cache. */
  version: string;
  /** The script's name in V8 (stack traces), default the file. V8 reuses a compile within a process by source
   *  and name, so the footprint test loads under fresh names to time a real compile or a real cache load. */
  scriptName?: string;
}

const PREFIX = 'v8-';
const SUFFIX = '.bin';
/** Before SUFFIX in a pre-built cache's name. */
const PREBUILT = '.pre';
const hash = (data: string | Uint8Array, length = 16): string => createHash('sha256').update(data).digest('hex').slice(0, length);

/** The part of the cache file's name that says which file, build and runtime the data belongs to. */
export function cacheKey(file: string, source: string, version: string): string {
  const { size, mtimeMs } = statSync(file);
  return hash([version, process.version, process.arch, size, Math.trunc(mtimeMs), hash(source, 64)].join('\n'));
}

/** Requires `file` as Node would (module.exports, a require that resolves from its folder), through the cache. */
export function loadWithCodeCache<T>(file: string, options: CodeCacheOptions): CachedLoad<T> {
  const source = readFileSync(file, 'utf8');
  const dir = options.dir;
  let key: string | undefined;
  let found: { data: Buffer; prebuilt: boolean } | undefined;
  let outcome: CodeCacheOutcome = dir ? 'none' : 'off';
  if (dir) {
    try {
      key = cacheKey(file, source, options.version);
      const read = readCache(dir, key);
      if (read === 'damaged') outcome = 'damaged';
      else found = read;
    } catch {
      // An unreadable folder or file: compile as if there were no cache (save() may still succeed).
    }
  }
  const script = new Script(wrap(source), { filename: options.scriptName ?? file, ...(found ? { cachedData: found.data } : {}) });
  if (found) outcome = script.cachedDataRejected === true ? 'rejected' : found.prebuilt ? 'prebuilt' : 'used';
  // Its require is made for its path (below), so it resolves like Node's own and VS Code hands it this extension's API.
  const module = new Module(file);
  module.filename = file;
  const compiled = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  // In require.cache like any required module: the same file required elsewhere is this instance.
  require.cache[file] = module;
  try {
    compiled.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  } catch (e) {
    delete require.cache[file];
    if (e !== null && typeof e === 'object') moduleErrors.add(e);
    throw e;
  }
  module.loaded = true;
  return {
    exports: module.exports as T,
    outcome,
    save: () => {
      if (!dir || !key || outcome === 'used') return { written: false };
      try {
        // After a run, V8's data includes the functions that run compiled: it replaces a pre-built cache.
        writeCache(dir, key, script.createCachedData(), false);
        return { written: true };
      } catch (e) {
        return { written: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}

/**
 * Compiles `file` as loadWithCodeCache would, WITHOUT running it, and writes V8's data as a pre-built cache,
 * unless a cache for this build exists already. Nothing of the file runs and it is not put in require.cache.
 * Never throws.
 */
export function prebuildCodeCache(file: string, options: CodeCacheOptions): PrebuildResult {
  const dir = options.dir;
  if (!dir) return { outcome: 'off' };
  try {
    const source = readFileSync(file, 'utf8');
    const key = cacheKey(file, source, options.version);
    if (cacheName(dir, key)) return { outcome: 'exists' };
    const script = new Script(wrap(source), { filename: options.scriptName ?? file });
    writeCache(dir, key, script.createCachedData(), true);
    return { outcome: 'written' };
  } catch (e) {
    return { outcome: 'failed', error: e instanceof Error ? e.message : String(e) };
  }
}

/** The same wrapper Node's CommonJS loader uses, so the file behaves exactly as if required. V8 checks
 *  cached data against this source and Node's flags and ignores it (cachedDataRejected) when they differ. */
function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

/** The name of the cache file for `key` in `dir`, if there is one. */
function cacheName(dir: string, key: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  return names.find((n) => n.startsWith(`${PREFIX}${key}-`) && n.endsWith(SUFFIX));
}

/** The cache file for `key`, its data checked against the hash in its name; 'damaged' when it does not match. */
function readCache(dir: string, key: string): { data: Buffer; prebuilt: boolean } | 'damaged' | undefined {
  const name = cacheName(dir, key);
  if (!name) return undefined;
  const data = readFileSync(join(dir, name));
  const prebuilt = name.endsWith(`${PREBUILT}${SUFFIX}`);
  if (`${PREFIX}${key}-${hash(data)}${prebuilt ? PREBUILT : ''}${SUFFIX}` !== name) {
    rmSync(join(dir, name), { force: true });
    return 'damaged';
  }
  return { data, prebuilt };
}

/** Whether a file is older than `ms`; false when it is gone (another window renamed or removed it meanwhile). */
function isOlderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > ms;
  } catch {
    return false;
  }
}

/** Writes the data under its key and hash (through a temporary file, so a reader never sees half of it) and drops older caches. */
function writeCache(dir: string, key: string, data: Buffer, prebuilt: boolean): void {
  mkdirSync(dir, { recursive: true });
  const name = `${PREFIX}${key}-${hash(data)}${prebuilt ? PREBUILT : ''}${SUFFIX}`;
  const temp = join(dir, `${name}.${process.pid}.tmp`);
  writeFileSync(temp, data);
  renameSync(temp, join(dir, name));
  for (const old of readdirSync(dir)) {
    if (old === name || !old.startsWith(PREFIX)) continue;
    // Another window may be writing its own temporary file right now: only one left behind (a crash) goes.
    const leftover = old.endsWith('.tmp') && isOlderThan(join(dir, old), 60_000);
    if (old.endsWith(SUFFIX) || leftover) rmSync(join(dir, old), { force: true });
  }
}

/**
 * prebuildCodeCache in a worker thread (`workerFile` is dist/code-cache-worker.js): the compile happens off the
 * caller's thread. V8 accepts data made by another isolate of the same process (same version and flags).
 * Resolves with the worker's result, or 'failed' with the reason; never rejects.
 */
export function prebuildInWorker(workerFile: string, file: string, options: CodeCacheOptions): Promise<PrebuildResult> {
  if (!options.dir) return Promise.resolve({ outcome: 'off' });
  return new Promise<PrebuildResult>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(workerFile, { workerData: { file, dir: options.dir, version: options.version } });
    } catch (e) {
      resolve({ outcome: 'failed', error: e instanceof Error ? e.message : String(e) });
      return;
    }
    // The pre-build must never keep the host process alive on its own.
    worker.unref();
    worker.once('message', (m: unknown) => resolve(isPrebuildResult(m) ? m : { outcome: 'failed', error: 'the pre-build worker answered something else' }));
    worker.once('error', (e) => resolve({ outcome: 'failed', error: e.message }));
    worker.once('exit', (code) => resolve({ outcome: 'failed', error: `the pre-build worker exited (${code}) without an answer` }));
  });
}

function isPrebuildResult(m: unknown): m is PrebuildResult {
  const r = m as Partial<PrebuildResult> | undefined;
  return typeof r?.outcome === 'string' && ['written', 'exists', 'off', 'failed'].includes(r.outcome) && (r.error === undefined || typeof r.error === 'string');
}

/**
 * Whether the folder already holds a cache written after `file` last changed: a cheap look (one directory
 * listing, a stat or two, no hashing) so that a window start with a cache does not even start the worker.
 * A cache this misses or wrongly counts costs at most one cold compile, never a wrong load (the key decides that).
 */
export function hasFreshCache(dir: string, file: string): boolean {
  try {
    const built = statSync(file).mtimeMs;
    return readdirSync(dir).some((n) => n.startsWith(PREFIX) && n.endsWith(SUFFIX) && isNewerThan(join(dir, n), built));
  } catch {
    return false;
  }
}

function isNewerThan(file: string, time: number): boolean {
  try {
    return statSync(file).mtimeMs >= time;
  } catch {
    return false;
  }
}
