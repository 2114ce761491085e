// The inline completion settings, read fresh on each use (a change applies at once). Excluded files and
// disabled languages are checked before anything is read from the document: nothing from them is sent.
import * as vscode from 'vscode';
import { INLINE_SCHEMES, mergeExcludes, mergeLanguages } from '../../core/inline/gates';

export const SECTION = 'byok.inlineCompletions';
export const DEFAULT_DEBOUNCE_MS = 150;

export interface InlineSettings {
  enabled: boolean;
  debounceMs: number;
  languages: Record<string, boolean>;
}

export function readSettings(): InlineSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const debounce = c.get<unknown>('debounceMs');
  return {
    enabled: c.get<unknown>('enabled') === true,
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce) ? debounce : DEFAULT_DEBOUNCE_MS,
    // A workspace can only turn languages off (see mergeLanguages).
    languages: mergeLanguages(c.inspect<unknown>('languages')),
  };
}

/** The exclusions for this document: read with its URI, so a multi-root folder's own patterns apply to its files. */
export function excludePatterns(uri: vscode.Uri): string[] {
  return mergeExcludes(vscode.workspace.getConfiguration(SECTION, uri).inspect<unknown>('excludeFiles'));
}

/** VS Code's own switch for ghost text. */
export function editorInlineSuggestEnabled(document: vscode.TextDocument): boolean {
  return vscode.workspace.getConfiguration('editor.inlineSuggest', document).get<boolean>('enabled', true);
}

export function languageEnabled(settings: InlineSettings, languageId: string): boolean {
  return settings.languages[languageId] ?? settings.languages['*'] ?? true;
}

/**
 * Whether a document may be sent at all: one of the provider's schemes (not the user's own settings.json as
 * vscode-userdata:, a git: revision, an output channel), its language on, and no excluded pattern matching it.
 */
export function documentAllowed(settings: InlineSettings, document: vscode.TextDocument): boolean {
  if (!INLINE_SCHEMES.includes(document.uri.scheme) || !languageEnabled(settings, document.languageId)) return false;
  // A folder of a multi-root workspace can turn the language off for its own files.
  const folderLanguages = mergeLanguages(vscode.workspace.getConfiguration(SECTION, document.uri).inspect<unknown>('languages'));
  if (!languageEnabled({ ...settings, languages: folderLanguages }, document.languageId)) return false;
  return !excludePatterns(document.uri).some((pattern) => vscode.languages.match({ pattern }, document) > 0);
}
