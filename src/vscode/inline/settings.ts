// The inline completion settings, read fresh on each use (a change applies at once). Excluded files and
// disabled languages are checked before anything is read from the document: nothing from them is sent.
import * as vscode from 'vscode';

export const SECTION = 'byok.inlineCompletions';
export const DEFAULT_DEBOUNCE_MS = 150;

export interface InlineSettings {
  enabled: boolean;
  debounceMs: number;
  languages: Record<string, boolean>;
  excludeFiles: string[];
}

export function readSettings(): InlineSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const languages = c.get<unknown>('languages');
  const debounce = c.get<unknown>('debounceMs');
  return {
    enabled: c.get<unknown>('enabled') === true,
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce) ? debounce : DEFAULT_DEBOUNCE_MS,
    languages: languages && typeof languages === 'object' && !Array.isArray(languages)
      ? Object.fromEntries(Object.entries(languages).filter((e): e is [string, boolean] => typeof e[1] === 'boolean')) : { '*': true },
    excludeFiles: excludePatterns(),
  };
}

/**
 * The user's list (or the defaults), plus whatever the workspace adds. A repository's settings can only add
 * patterns: a `.vscode/settings.json` that sets the list to [] must not make `.env` files leave the machine.
 * A broken value counts as absent, so it falls back to the safe defaults, never to "exclude nothing".
 */
function excludePatterns(): string[] {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('excludeFiles');
  const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : undefined);
  const user = list(inspected?.globalValue) ?? list(inspected?.defaultValue) ?? ['**/.env*', '**/*.pem', '**/*.key'];
  return [...new Set([...user, ...(list(inspected?.workspaceValue) ?? []), ...(list(inspected?.workspaceFolderValue) ?? [])])];
}

/** VS Code's own switch for ghost text. */
export function editorInlineSuggestEnabled(document: vscode.TextDocument): boolean {
  return vscode.workspace.getConfiguration('editor.inlineSuggest', document).get<boolean>('enabled', true);
}

export function languageEnabled(settings: InlineSettings, languageId: string): boolean {
  return settings.languages[languageId] ?? settings.languages['*'] ?? true;
}

/** Whether a document may be sent at all (its language is on and it matches no excluded pattern). */
export function documentAllowed(settings: InlineSettings, document: vscode.TextDocument): boolean {
  if (!languageEnabled(settings, document.languageId)) return false;
  return !settings.excludeFiles.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}
