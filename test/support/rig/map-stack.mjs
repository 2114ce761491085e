// The host tests run the minified production bundles: this maps the dist/*.js frames of a failure's stack
// back to source lines through the linked source maps esbuild wrote beside them (node:module's SourceMap).
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

const maps = new Map();
function mapFor(file) {
  if (!maps.has(file)) maps.set(file, existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))) : undefined);
  return maps.get(file);
}

/** Rewrites `…/dist/x.js:L:C` frames to `src/….ts:L:C (dist/x.js)`; frames without a map stay as they are. */
export function mapStack(text, root) {
  return text.replace(/((?:\/[^\s():]+)?\/dist\/[^\s():]+\.js):(\d+):(\d+)/g, (frame, file, line, column) => {
    const entry = mapFor(file)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry?.originalSource) return frame;
    const source = resolve(dirname(file), entry.originalSource.replace(/^file:\/\//, ''));
    return `${relative(root, source)}:${entry.originalLine + 1}:${entry.originalColumn + 1} (${relative(root, file)})`;
  });
}
