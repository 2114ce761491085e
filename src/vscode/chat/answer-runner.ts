// Streams one answer from one model: fits the conversation into the model's context window, sends it
// through the metered router (that model's adapter, that key), and batches deltas for the webview.
// Used by the chat and by compare. Nothing here falls back to another model or key.
import { costOf } from '../../core/chat/cost';
import { fitConversation } from '../../core/chat/fit-context';
import { loadTokenCounter } from '../../core/chat/tokens';
import { isProviderError, ProviderError } from '../../core/errors';
import type { ChatMessage, Usage } from '../../core/providers/types';
import type { ChatRouter } from '../../core/routing/chat-router';
import type { ByokModel } from '../models/model-catalog';
import { pricingFor } from '../usage/usage-settings';

export interface AnswerResult {
  text: string;
  reasoning: string;
  usage?: Usage;
  costUsd?: number;
  /** The provider's id for the request (shown in the answer's details, the same as in the request log). */
  requestId?: string;
  status: 'complete' | 'interrupted' | 'error';
  error?: ProviderError;
}

/** Collects deltas and posts them at most every `intervalMs`, so the webview gets few, larger messages. */
export class DeltaBatcher {
  private text = '';
  private reasoning = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly post: (text: string, reasoning: string) => void, private readonly intervalMs = 33) {}

  push(text: string, reasoning: string): void {
    this.text += text;
    this.reasoning += reasoning;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.text && !this.reasoning) return;
    const [text, reasoning] = [this.text, this.reasoning];
    this.text = '';
    this.reasoning = '';
    this.post(text, reasoning);
  }
}

export async function runAnswer(args: {
  router: ChatRouter;
  model: ByokModel;
  system: string;
  history: ChatMessage[];
  signal: AbortSignal;
  origin: string;
  onDelta: (text: string, reasoning: string) => void;
  onNotice?: (notice: string) => void;
}): Promise<AnswerResult> {
  const { model } = args;
  let text = '';
  let reasoning = '';
  let usage: Usage | undefined;
  let requestId: string | undefined;
  const batcher = new DeltaBatcher(args.onDelta);
  try {
    const counter = await loadTokenCounter(model.info.id);
    const maxOutputTokens = Math.min(model.info.maxOutputTokens, 16_384);
    const fit = fitConversation({
      system: args.system, messages: args.history, contextWindow: model.info.contextWindow, maxOutputTokens, count: counter,
      provider: model.presetId, modelName: model.info.name,
    });
    if (fit.notice) args.onNotice?.(fit.notice);
    const stream = args.router.stream(
      { keyId: model.keyId, presetId: model.presetId, modelId: model.info.id },
      { system: args.system, messages: fit.messages, maxOutputTokens },
      args.signal,
      args.origin,
    );
    for await (const part of stream) {
      if (part.type === 'text') { text += part.delta; batcher.push(part.delta, ''); }
      else if (part.type === 'reasoning') { reasoning += part.delta; batcher.push('', part.delta); }
      else if (part.type === 'usage') usage = part.usage;
      else if (part.type === 'finish' && part.usage) usage = part.usage;
      else if (part.type === 'request-id') requestId = part.id;
    }
    batcher.flush();
    return { text, reasoning, ...priced(usage, model, requestId), status: 'complete' };
  } catch (e) {
    batcher.flush();
    const error = isProviderError(e) ? e : new ProviderError({ kind: 'unexpected-response', provider: model.presetId, message: e instanceof Error ? e.message : String(e) });
    if (error.kind === 'aborted') return { text, reasoning, ...priced(usage, model, requestId), status: 'interrupted' };
    return { text, reasoning, ...priced(usage, model, requestId), status: 'error', error };
  }
}

/** The answer's cost as the usage ledger records it: the provider's own figure, else byok.pricing or the catalog's price. */
function priced(usage: Usage | undefined, model: ByokModel, requestId: string | undefined): { usage?: Usage; costUsd?: number; requestId?: string } {
  const id = requestId ? { requestId } : {};
  if (!usage) return id;
  const usd = usage.providerCostUsd ?? costOf(usage, pricingFor(model.presetId, model.info.id, model.info.pricing)).usd;
  return { usage, ...(usd !== undefined ? { costUsd: usd } : {}), ...id };
}
