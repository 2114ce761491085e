// The code cache's pre-build, run in a worker thread (dist/code-cache-worker.js) so that compiling
// dist/app.js (20-50 ms) never takes the extension host's main thread, where every extension runs.
// It receives the app's path and the cache options from src/extension.ts and answers with the result.
import { parentPort, workerData } from 'node:worker_threads';
import { prebuildCodeCache, type PrebuildResult } from './code-cache';

const input = workerData as { file?: unknown; dir?: unknown; version?: unknown } | undefined;
const result: PrebuildResult = typeof input?.file === 'string' && typeof input.dir === 'string' && typeof input.version === 'string'
  ? prebuildCodeCache(input.file, { dir: input.dir, version: input.version })
  : { outcome: 'failed', error: 'the pre-build worker was started without a file, a folder and a version' };
parentPort?.postMessage(result);
