// Offers every allowed BYOK model to VS Code's Language Model API (vendor "byok"), so Copilot Chat's
// picker and any extension (vscode.lm.selectChatModels({ vendor: 'byok' })) can use them. Responses go
// through the same metered router as the chat.
import * as vscode from 'vscode';
import { countMessageTokens, countTokens } from '../../core/chat/tokens';
import { isProviderError } from '../../core/errors';
import { lmModelFacts, requireToolCalling } from '../../core/lm/capabilities';
import { validateConversation } from '../../core/lm/conversation';
import { fitToolImages } from '../../core/lm/tool-images';
import { LmApiError } from '../../core/lm/errors';
import { requestLimits } from '../../core/lm/model-options';
import { toolCallInput } from '../../core/lm/tool-call-input';
import { validateTools } from '../../core/lm/tools';
import { findPreset } from '../../core/providers/presets';
import type { ChatRouter } from '../../core/routing/chat-router';
import { formatPrice, formatTokens } from '../models/format';
import type { ModelCatalog } from '../models/model-catalog';
import { organizationLabel } from '../models/model-picker';
import { convertMessages } from './convert-messages';

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
      ...lmModelFacts(m.info, findPreset(m.presetId)?.family ?? 'openai-compatible'),
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
    // Another extension's input is checked before anything is sent: a clear error beats a provider's 400.
    const converted = convertMessages(messages);
    validateConversation(converted, model.info);
    const conversation = { ...converted, messages: fitToolImages(converted.messages, model.info) };
    const required = options.toolMode === vscode.LanguageModelChatToolMode.Required;
    const tools = validateTools(options.tools, required);
    requireToolCalling(model.info, tools?.length ?? 0);
    const limits = requestLimits(options.modelOptions, model.info.maxOutputTokens);
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const stream = this.router.stream(
        { keyId: model.keyId, presetId: model.presetId, modelId: model.info.id },
        {
          ...conversation,
          ...(tools ? { tools, toolChoice: required ? 'required' as const : 'auto' as const } : {}),
          ...limits,
        },
        controller.signal,
        'lm-api',
      );
      for await (const part of stream) {
        if (part.type === 'text') progress.report(new vscode.LanguageModelTextPart(part.delta));
        else if (part.type === 'tool-call') progress.report(new vscode.LanguageModelToolCallPart(part.call.id, part.call.name, toolCallInput(part.call)));
      }
    } catch (e) {
      if (isProviderError(e) && e.kind === 'aborted') return;
      if (e instanceof LmApiError) throw e;
      throw new Error(isProviderError(e) ? `BYOK: ${e.userMessage}` : String(e), { cause: e });
    } finally {
      subscription.dispose();
    }
  }

  async provideTokenCount(info: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    // family is the model's own id (see provideLanguageModelChatInformation): no catalog rebuild per call,
    // which cost ~1.4 ms, and VS Code calls this for every message it sends.
    const modelId = info.family;
    if (typeof text === 'string') return countTokens(text, modelId);
    return countMessageTokens(convertMessages([text]).messages, modelId);
  }
}
