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
  const exclude = c.get<unknown>('excludeFiles');
  const debounce = c.get<unknown>('debounceMs');
  return {
    enabled: c.get<unknown>('enabled') === true,
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce) ? debounce : DEFAULT_DEBOUNCE_MS,
    languages: languages && typeof languages === 'object' && !Array.isArray(languages)
      ? Object.fromEntries(Object.entries(languages).filter((e): e is [string, boolean] => typeof e[1] === 'boolean')) : { '*': true },
    // A broken value must not open the gate: fall back to the safe defaults, not to "exclude nothing".
    excludeFiles: Array.isArray(exclude) ? exclude.filter((p): p is string => typeof p === 'string') : defaultExcludes(),
  };
}

function defaultExcludes(): string[] {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string[]>('excludeFiles');
  return inspected?.defaultValue ?? ['**/.env*', '**/*.pem', '**/*.key'];
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
