// The chat webview (browser code). It talks to the host only through the typed protocol.
import type { HostMessage, WebviewMessage } from '../core/protocol';
import './main.css';

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

function render(message: Extract<HostMessage, { type: 'init' }>): void {
  app.replaceChildren();
  const title = document.createElement('h2');
  title.textContent = 'BYOK Chat';
  const body = document.createElement('p');
  body.className = 'muted';
  body.textContent = message.hasKeys
    ? 'Pick a model and ask anything. Answers come from your own key.'
    : 'Chat with any model using your own API keys. Keys stay in VS Code\'s secret storage.';
  const version = document.createElement('p');
  version.className = 'version';
  version.textContent = `BYOK ${message.version}`;
  app.append(title, body, version);
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message?.type === 'init') render(message);
});

vscode.postMessage({ type: 'ready' });
