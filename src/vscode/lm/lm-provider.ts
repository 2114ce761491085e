// Offers every allowed BYOK model to VS Code's Language Model API (vendor "byok"), so Copilot Chat's
// picker and any extension (vscode.lm.selectChatModels({ vendor: 'byok' })) can use them. Responses go
// through the same metered router as the chat.
import * as vscode from 'vscode';
import { countMessageTokens, countTokens } from '../../core/chat/tokens';
import { isProviderError } from '../../core/errors';
import type { ChatRouter } from '../../core/routing/chat-router';
import { formatPrice, formatTokens } from '../models/format';
import type { ModelCatalog } from '../models/model-catalog';
import { organizationLabel } from '../models/model-picker';
import { convertMessages, convertTools } from './convert-messages';

export class ByokLanguageModelProvider implements vscode.LanguageModelChatProvider {
  readonly onDidChangeLanguageModelChatInformation: vscode.Event<void>;

  constructor(private readonly catalog: ModelCatalog, private readonly router: ChatRouter) {
    this.onDidChangeLanguageModelChatInformation = catalog.onDidChange;
  }

  provideLanguageModelChatInformation(): vscode.LanguageModelChatInformation[] {
    const org = organizationLabel();
    return this.catalog.models().map((m) => ({
      id: m.id,
      name: m.info.name,
      family: m.info.id,
      version: m.info.id,
      detail: `${org} · ${m.providerLabel}`,
      tooltip: `${m.providerLabel} through your key "${m.keyName}" (${m.baseUrl}). ${formatTokens(m.info.contextWindow)} context, ${formatPrice(m.info.pricing)}.`,
      maxInputTokens: Math.max(1, m.info.contextWindow - m.info.maxOutputTokens),
      maxOutputTokens: m.info.maxOutputTokens,
      capabilities: { imageInput: m.info.vision, toolCalling: m.info.toolCalling },
    }));
  }

  async provideLanguageModelChatResponse(
    info: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const model = this.catalog.find(info.id);
    if (!model) throw new Error(`BYOK: the model ${info.id} is no longer available (its key was removed or the policy changed).`);
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    const conversation = convertMessages(messages);
    const tools = convertTools(options.tools);
    const maxTokens = typeof options.modelOptions?.max_tokens === 'number' ? options.modelOptions.max_tokens : undefined;
    try {
      const stream = this.router.stream(
        { keyId: model.keyId, presetId: model.presetId, modelId: model.info.id },
        {
          ...conversation,
          ...(tools ? { tools, toolChoice: options.toolMode === vscode.LanguageModelChatToolMode.Required ? 'required' as const : 'auto' as const } : {}),
          ...(maxTokens ? { maxOutputTokens: maxTokens } : {}),
        },
        controller.signal,
        'lm-api',
      );
      for await (const part of stream) {
        if (part.type === 'text') progress.report(new vscode.LanguageModelTextPart(part.delta));
        else if (part.type === 'tool-call') {
          let input: object = {};
          try { input = JSON.parse(part.call.argumentsJson || '{}') as object; } catch { /* the model produced invalid JSON: pass it as is */ input = { raw: part.call.argumentsJson }; }
          progress.report(new vscode.LanguageModelToolCallPart(part.call.id, part.call.name, input));
        }
      }
    } catch (e) {
      if (isProviderError(e) && e.kind === 'aborted') return;
      throw new Error(isProviderError(e) ? `BYOK: ${e.userMessage}` : String(e), { cause: e });
    } finally {
      subscription.dispose();
    }
  }

  async provideTokenCount(info: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    const modelId = this.catalog.find(info.id)?.info.id ?? info.family;
    if (typeof text === 'string') return countTokens(text, modelId);
    return countMessageTokens(convertMessages([text]).messages, modelId);
  }
}
