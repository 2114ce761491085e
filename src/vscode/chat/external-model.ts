// A chat answer from a model another extension provides through vscode.lm (the picker's top section).
// Not a BYOK key: VS Code and that extension handle consent and billing; usage is not reported.
import * as vscode from 'vscode';
import type { ChatMessage } from '../../core/providers/types';

export async function runExternalAnswer(
  vendor: string, id: string, system: string, history: ChatMessage[], signal: AbortSignal, onDelta: (text: string, reasoning: string) => void,
): Promise<{ status: 'complete' | 'interrupted' | 'error'; error?: { kind: string; title: string; detail: string } }> {
  const [model] = await vscode.lm.selectChatModels({ vendor, id });
  if (!model) return { status: 'error', error: { kind: 'model-not-found', title: 'This model is no longer available.', detail: `${vendor}/${id} is not offered by any installed extension.` } };
  const messages = [
    vscode.LanguageModelChatMessage.User(system),
    ...history.map((m) => {
      const text = m.role === 'tool' ? m.content : m.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
      return m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(text) : vscode.LanguageModelChatMessage.User(text);
    }),
  ];
  const cts = new vscode.CancellationTokenSource();
  signal.addEventListener('abort', () => cts.cancel(), { once: true });
  try {
    const response = await model.sendRequest(messages, {}, cts.token);
    for await (const chunk of response.text) onDelta(chunk, '');
    return { status: signal.aborted ? 'interrupted' : 'complete' };
  } catch (e) {
    if (signal.aborted) return { status: 'interrupted' };
    return { status: 'error', error: { kind: 'server', title: `${model.name} failed.`, detail: e instanceof Error ? e.message : String(e) } };
  } finally {
    cts.dispose();
  }
}
