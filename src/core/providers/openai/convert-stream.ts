// OpenAI stream chunks (and the shapes compatible hosts send) as our StreamParts.
// Pure and synchronous: part-iterator.ts feeds it the SDK's chunks; tests feed it literals.
import type { FinishReason, StreamPart, ToolCall, Usage } from '../types';
import { convertUsage } from './convert-usage';
import { mapFinishReason } from './map-finish';

interface ToolCallDelta {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}
interface Delta {
  content?: string | null;
  /** DeepSeek, Qwen, Z.ai. */
  reasoning_content?: string | null;
  /** OpenRouter (and newer vLLM / Ollama). */
  reasoning?: string | null;
  tool_calls?: ToolCallDelta[] | null;
}
interface Choice { index?: number; delta?: Delta | null; finish_reason?: string | null }
/** Only the fields we read; hosts add many more (obfuscation, service_tier, prompt_filter_results…). */
export interface ChunkLike { id?: string | null; choices?: Choice[] | null; usage?: unknown }

interface PendingCall { id: string; name: string; args: string }

/** Builds tool calls from pieces keyed by index, as OpenAI streams them. */
export class ToolCallAccumulator {
  private readonly calls: PendingCall[] = [];
  private readonly byIndex = new Map<number, PendingCall>();

  add(pieces: ToolCallDelta[]): void {
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      const index = typeof piece.index === 'number' ? piece.index : i;
      let call = this.byIndex.get(index);
      const name = piece.function?.name;
      // Some hosts send every complete call with index 0 (or none): a new id or a new name after
      // arguments have arrived starts a new call.
      if (call?.args && ((piece.id && call.id && piece.id !== call.id) || (name && call.name && name !== call.name))) call = undefined;
      if (!call) {
        call = { id: '', name: '', args: '' };
        this.calls.push(call);
        this.byIndex.set(index, call);
      }
      if (piece.id) call.id = piece.id;
      // OpenAI names a call once; some hosts repeat the name on every piece.
      if (name && name !== call.name) call.name += name;
      if (piece.function?.arguments) call.args += piece.function.arguments;
    }
  }

  get size(): number { return this.calls.length; }

  /** The finished calls, once; ids are invented where a host left them out. */
  drain(): ToolCall[] {
    const out = this.calls.map((c, i) => ({ id: c.id || `call_${i}`, name: c.name, argumentsJson: c.args || '{}' }));
    this.calls.length = 0;
    this.byIndex.clear();
    return out;
  }
}

/**
 * Turns chunks into parts synchronously: text and reasoning as they come, tool calls once their
 * arguments are complete (at the finish chunk), then usage and one finish part at the end. It is a
 * plain class, not a generator, so the adapter's stream adds no async hop per chunk.
 */
export class ChunkMapper {
  private readonly tools = new ToolCallAccumulator();
  private finishWord: string | undefined;
  private hadToolCalls = false;
  private usage: Usage | undefined;
  private idSent = false;

  /** `responseIdIsRequestId`: the chunks' id is the provider's lookup id (OpenRouter's generation id). */
  constructor(private readonly responseIdIsRequestId = false) {}

  /** Appends the parts this chunk carries to `out`. */
  accept(chunk: ChunkLike, out: StreamPart[]): void {
    if (this.responseIdIsRequestId && !this.idSent && typeof chunk.id === 'string' && chunk.id) {
      this.idSent = true;
      out.push({ type: 'request-id', id: chunk.id });
    }
    if (chunk.usage) this.usage = convertUsage(chunk.usage) ?? this.usage;
    const choices = chunk.choices;
    // The usage chunk has choices: [] and Azure's first chunk too; only choice 0 is ours (n = 1).
    if (!choices || choices.length === 0) return;
    const choice = choices.length === 1 ? choices[0]! : choices.find((c) => (c.index ?? 0) === 0);
    if (!choice) return;
    const delta = choice.delta;
    if (delta) {
      const reasoning = delta.reasoning_content || delta.reasoning;
      if (reasoning) out.push({ type: 'reasoning', delta: reasoning });
      if (delta.content) out.push({ type: 'text', delta: delta.content });
      if (delta.tool_calls?.length) this.tools.add(delta.tool_calls);
    }
    if (choice.finish_reason) {
      this.finishWord = choice.finish_reason;
      this.flushTools(out);
    }
  }

  /**
   * Appends the closing parts. Appends nothing when the host never said why it stopped: the stream
   * guard then reports a dropped connection instead of a silent cut.
   */
  end(out: StreamPart[]): void {
    if (this.finishWord === undefined) return;
    this.flushTools(out);
    finishParts(mapFinishReason(this.finishWord, this.hadToolCalls), this.usage, out);
  }

  private flushTools(out: StreamPart[]): void {
    if (!this.tools.size) return;
    this.hadToolCalls = true;
    for (const call of this.tools.drain()) out.push({ type: 'tool-call', call });
  }
}

function finishParts(reason: FinishReason, usage: Usage | undefined, out: StreamPart[]): void {
  if (usage) out.push({ type: 'usage', usage }, { type: 'finish', reason, usage });
  else out.push({ type: 'finish', reason });
}

interface CompletionLike {
  choices?: { message?: { content?: string | null; reasoning_content?: string | null; reasoning?: string | null; tool_calls?: ToolCallDelta[] | null } | null; finish_reason?: string | null }[] | null;
  usage?: unknown;
}

/** A host that ignored `stream: true` and answered one JSON completion: the same parts, at once. */
export function* completionToParts(completion: CompletionLike): Generator<StreamPart> {
  const choice = completion.choices?.[0];
  const message = choice?.message;
  if (!choice || !message) return;
  const reasoning = message.reasoning_content || message.reasoning;
  if (reasoning) yield { type: 'reasoning', delta: reasoning };
  if (message.content) yield { type: 'text', delta: message.content };
  const tools = new ToolCallAccumulator();
  if (message.tool_calls?.length) tools.add(message.tool_calls);
  const hadToolCalls = tools.size > 0;
  for (const call of tools.drain()) yield { type: 'tool-call', call };
  const out: StreamPart[] = [];
  finishParts(mapFinishReason(choice.finish_reason, hadToolCalls), convertUsage(completion.usage), out);
  yield* out;
}
