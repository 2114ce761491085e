// The pure halves of the inline settings gates (src/vscode/inline/settings.ts reads the values): a
// repository's .vscode/settings.json may only narrow what is sent, never widen it.

/** The URI schemes completions run on (the provider registration in extension.ts); snippets come from these only. */
export const INLINE_SCHEMES: readonly string[] = ['file', 'untitled', 'vscode-remote'];

export const DEFAULT_EXCLUDES: readonly string[] = ['**/.env*', '**/*.pem', '**/*.key'];

export interface Inspected { defaultValue?: unknown; globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown }

const record = (v: unknown): Record<string, boolean> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).filter((e): e is [string, boolean] => typeof e[1] === 'boolean')) : undefined;

/**
 * The defaults overlaid by the user's own value (as VS Code merges object settings); a workspace or
 * folder value contributes only its `false` entries: it can turn a language off, never back on.
 */
export function mergeLanguages(inspected: Inspected | undefined): Record<string, boolean> {
  const merged = { ...(record(inspected?.defaultValue) ?? { '*': true }), ...(record(inspected?.globalValue) ?? {}) };
  for (const v of [inspected?.workspaceValue, inspected?.workspaceFolderValue]) {
    for (const [id, on] of Object.entries(record(v) ?? {})) if (!on) merged[id] = false;
  }
  return merged;
}

/**
 * The user's list (or the defaults), plus whatever the workspace and folder add. A repository's settings can
 * only add patterns: a `.vscode/settings.json` that sets the list to [] must not make `.env` files leave the
 * machine. A broken value counts as absent, so it falls back to the safe defaults, never to "exclude nothing".
 */
export function mergeExcludes(inspected: Inspected | undefined): string[] {
  const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : undefined);
  const user = list(inspected?.globalValue) ?? list(inspected?.defaultValue) ?? DEFAULT_EXCLUDES;
  const all = [...user, ...(list(inspected?.workspaceValue) ?? []), ...(list(inspected?.workspaceFolderValue) ?? [])];
  return [...new Set(all.map(anchorPattern).filter((p) => p !== ''))];
}

/**
 * VS Code matches a string glob against the document's absolute path, so `*.env` or `secrets/**` would never
 * match anything: a relative pattern is taken to mean "anywhere" (`**\/*.env`), as in files.exclude.
 * Absolute patterns (`/…`, `C:/…`) and ones already starting with `**` stay as written.
 */
export function anchorPattern(pattern: string): string {
  const p = pattern.trim().replace(/\\/g, '/');
  if (p === '' || p.startsWith('**') || p.startsWith('/') || /^[A-Za-z]:\//.test(p)) return p;
  return `**/${p.replace(/^\.\//, '')}`;
}
