// The one handle to the host. acquireVsCodeApi may be called only once per document.
import type { WebviewMessage } from '../core/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/**
 * What survives hide/show (the host re-sends the conversation on 'ready', so only UI state lives
 * here: never messages, never anything secret).
 */
export interface PersistedState {
  draft?: string;
  conversationId?: string;
  scrollTop?: number;
  compareDraft?: string;
  compareModelIds?: string[];
}

const api = acquireVsCodeApi();
let persisted: PersistedState = readState(api.getState());
let saveTimer: ReturnType<typeof setTimeout> | undefined;

function readState(raw: unknown): PersistedState {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: PersistedState = {};
  if (typeof r.draft === 'string') out.draft = r.draft;
  if (typeof r.conversationId === 'string') out.conversationId = r.conversationId;
  if (typeof r.scrollTop === 'number') out.scrollTop = r.scrollTop;
  if (typeof r.compareDraft === 'string') out.compareDraft = r.compareDraft;
  if (Array.isArray(r.compareModelIds)) out.compareModelIds = r.compareModelIds.filter((x): x is string => typeof x === 'string');
  return out;
}

function writeState(): void {
  clearTimeout(saveTimer);
  saveTimer = undefined;
  api.setState(persisted);
}

// Hiding the view may destroy the document: write what is pending first.
addEventListener('pagehide', writeState);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden' && saveTimer !== undefined) writeState();
});

export const host = {
  post(message: WebviewMessage): void {
    api.postMessage(message);
  },
  get state(): Readonly<PersistedState> {
    return persisted;
  },
  /** Merged and written at most every 200 ms (typing and scrolling call this a lot). */
  saveState(patch: Partial<PersistedState>): void {
    persisted = { ...persisted, ...patch };
    saveTimer ??= setTimeout(writeState, 200);
  },
};
