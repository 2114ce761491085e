// No key or no usable model: say why in one line and offer the two ways out.
import type { WebviewMessage } from '../../core/protocol';
import { button, el } from '../dom';
import { icon } from '../icons';

export function emptyState(problem: string | undefined, hasKeys: boolean, post: (message: WebviewMessage) => void): HTMLElement {
  const why = problem ?? (hasKeys
    ? 'Choose a model to start chatting.'
    : 'Add an API key from any provider to start. Keys stay in VS Code’s secret storage.');
  return el('div', { class: 'empty-state', testid: 'empty-state' }, [
    el('div', { class: 'empty-icon' }, [icon('key')]),
    el('h2', { text: hasKeys ? 'No model selected' : 'Chat with your own API keys' }),
    el('p', { class: 'muted', text: why }),
    el('div', { class: 'empty-actions' }, [
      button('Add a key', { class: hasKeys ? 'secondary' : 'primary', icon: icon('add'), testid: 'empty-add-key', onClick: () => post({ type: 'runCommand', command: 'byok.addKey' }) }),
      button('Choose a model', { class: hasKeys ? 'primary' : 'secondary', icon: icon('sparkle'), testid: 'empty-choose-model', onClick: () => post({ type: 'pickModel' }) }),
    ]),
  ]);
}

export function welcome(modelName: string): HTMLElement {
  return el('div', { class: 'welcome', testid: 'welcome' }, [
    el('div', { class: 'empty-icon' }, [icon('comment-discussion')]),
    el('p', { text: `Ask ${modelName} anything.` }),
    el('p', { class: 'muted', text: 'Answers come from your own key. Each one shows the model, the key and what it cost.' }),
  ]);
}
