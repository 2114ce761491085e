// Which model an edit goes to. The inline model (byok.inline.model) when the user chose one; the chat model
// only when no inline model was chosen at all. An inline model that is unavailable (its key removed, the
// policy refuses it) is an error to show, never a reason to use the chat model or another key.
import type { ByokModel } from '../models/model-catalog';
import type { ModelSelection, Selection } from '../models/selection';

export type EditModel = { ok: true; model: ByokModel; purpose: 'inline' | 'chat' } | { ok: false; message: string; choose: boolean };

export function editModel(selection: Pick<ModelSelection, 'current'>): EditModel {
  const inline = selection.current('inline');
  if (inline.kind !== 'none') return from(inline, 'inline');
  const chat = selection.current('chat');
  if (chat.kind === 'none') return { ok: false, message: 'Choose a model for inline features first (BYOK: Select Inline Model).', choose: true };
  return from(chat, 'chat');
}

function from(sel: Exclude<Selection, { kind: 'none' }>, purpose: 'inline' | 'chat'): EditModel {
  const setting = purpose === 'inline' ? 'inline model' : 'chat model (no inline model is chosen)';
  switch (sel.kind) {
    case 'byok': return { ok: true, model: sel.model, purpose };
    case 'unavailable': return { ok: false, message: `The ${setting} is unavailable: ${sel.reason}`, choose: true };
    case 'external':
      // Edits go through the ChatRouter (policy, the key's own adapter, metering): only BYOK models can do that.
      return { ok: false, message: `The ${setting} is ${sel.vendor}/${sel.id}, which another extension provides: Edit Selection uses your BYOK keys. Choose a BYOK model with BYOK: Select Inline Model.`, choose: true };
  }
}
