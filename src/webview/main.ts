// The chat webview (browser code). It talks to the host only through the typed protocol in
// src/core/protocol.ts (types only: the bundle must not pull zod in).
//
// Handshake: post {type:'ready'}; the host answers {type:'init', mode} then {type:'state'} (chat)
// or {type:'compareState'} (compare). Everything after that is applied incrementally.
//
// Stable DOM hooks for tests (data-testid):
//   composer            the question textarea            send / stop       Send, and Stop while busy
//   model-button        current model · provider · key   new-chat, history header buttons
//   history-panel, history-search, history-close
//   conversation-item   one past conversation (data-conversation-id, aria-current on the open one)
//     conversation-open, conversation-delete, conversation-delete-confirm, conversation-delete-cancel
//   message             one message: data-role='user'|'assistant', data-status, data-message-id
//     message-body      its text (Markdown for answers, plain text for questions)
//     message-model     "model · provider · key" on an answer
//     message-usage     "1,234 in · 567 out · $0.0012" (or "price unknown") once it ended
//     thinking          the collapsed <details> with the model's reasoning
//     interrupted       "Stopped — partial answer"
//     error-card        a failed answer; its buttons: error-action-<action>
//     regenerate, copy-answer (answers); edit, edit-input, edit-resend, edit-cancel (questions)
//   code-copy, code-insert, code-open   toolbar of each code block
//   attach-selection, attach-file, attach-files        add context
//   attachment-chip (data-attachment-id), attachment-remove
//   notice, notice-dismiss       totals       empty-state (empty-add-key, empty-choose-model)   welcome
//   compare: compare-prompt, compare-models, compare-model (checkboxes), compare-run, compare-stop,
//            compare-columns, compare-column (data-column-id, data-status; with message-model,
//            message-body, message-usage, interrupted, error-card inside)
import type { HostMessage } from '../core/protocol';
import './main.css';
import { ChatView } from './views/chat-view';
import { CompareView } from './views/compare-view';
import { host } from './vscode-api';

const app = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
// Announcements go through one polite region (views/announcer.ts), never #app: it would read every token.

let view: ChatView | CompareView | undefined;
let mode: 'chat' | 'compare' | undefined;

function show(next: 'chat' | 'compare'): ChatView | CompareView {
  if (view && mode === next) return view;
  mode = next;
  view = next === 'chat' ? new ChatView() : new CompareView();
  app.replaceChildren(view.element);
  document.body.dataset.mode = next;
  return view;
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
  if (message.type === 'init') {
    show(message.mode);
    return;
  }
  // A host that skips 'init' gets the chat, or compare if it speaks compare.
  (view ?? show(message.type === 'compareState' ? 'compare' : 'chat')).handle(message);
});

host.post({ type: 'ready' });
