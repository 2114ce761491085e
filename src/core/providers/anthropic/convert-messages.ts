// Our provider-neutral conversation in Anthropic's shape. The API is strict where others are lenient:
// turns must alternate user/assistant, text blocks must not be empty, tool results travel as
// tool_result blocks in a user turn (before any text), and every tool_use needs its tool_result in
// the very next user turn.
import type {
  ContentBlockParam, ImageBlockParam, MessageParam, ToolResultBlockParam, ToolUseBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import type { ChatMessage, ContentPart, ToolCall } from '../types';
import { ANTHROPIC_TOOL_IDS, wireToolId } from '../tool-ids';
import type { SignedThinking } from './thinking-memory';

type Role = 'user' | 'assistant';
interface Turn { role: Role; blocks: ContentBlockParam[] }

const INTERRUPTED = 'No result: the tool call was interrupted before it finished.';

function contentBlocks(parts: readonly ContentPart[]): ContentBlockParam[] {
  const out: ContentBlockParam[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      // "text content blocks must contain non-whitespace text"
      if (part.text.trim()) out.push({ type: 'text', text: part.text });
    } else {
      out.push({
        type: 'image',
        source: { type: 'base64', media_type: part.mimeType as 'image/png', data: part.dataBase64 },
      } satisfies ImageBlockParam);
    }
  }
  return out;
}

/** The model's arguments as an object; Anthropic takes `input` as JSON, not as text. */
export function parseToolInput(argumentsJson: string): unknown {
  if (!argumentsJson.trim()) return {};
  try {
    const value = JSON.parse(argumentsJson) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { value };
  } catch {
    return { _raw: argumentsJson };
  }
}

function toolUse(call: ToolCall): ToolUseBlockParam {
  return { type: 'tool_use', id: wireToolId(call.id, ANTHROPIC_TOOL_IDS), name: call.name, input: parseToolInput(call.argumentsJson) };
}

function toTurn(message: ChatMessage, recall: (callId: string) => SignedThinking[] | undefined): Turn {
  switch (message.role) {
    case 'user':
      return { role: 'user', blocks: contentBlocks(message.content) };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      const thinking = calls.length ? recall(calls[0]!.id) ?? [] : [];
      return { role: 'assistant', blocks: [...thinking, ...contentBlocks(message.content), ...calls.map(toolUse)] };
    }
    case 'tool': {
      const result: ToolResultBlockParam = {
        type: 'tool_result',
        tool_use_id: wireToolId(message.toolCallId, ANTHROPIC_TOOL_IDS),
        // A tool's images go inside its result, where Claude reads them as what the tool returned.
        ...(message.images?.length
          ? { content: [...(message.content.trim() ? [{ type: 'text' as const, text: message.content }] : []), ...contentBlocks(message.images) as ImageBlockParam[]] }
          : message.content.trim() ? { content: message.content } : {}),
        ...(message.isError ? { is_error: true } : {}),
      };
      return { role: 'user', blocks: [result] };
    }
  }
}

const isToolResult = (b: ContentBlockParam): b is ToolResultBlockParam => b.type === 'tool_result';

/** Alternation: consecutive same-role turns become one, and empty turns disappear. */
function mergeTurns(turns: Turn[]): Turn[] {
  const out: Turn[] = [];
  for (const turn of turns) {
    if (!turn.blocks.length) continue;
    const last = out[out.length - 1];
    if (last && last.role === turn.role) last.blocks.push(...turn.blocks);
    else out.push({ role: turn.role, blocks: [...turn.blocks] });
  }
  return out;
}

/** A tool_use without a tool_result right after it is a 400: close interrupted calls explicitly. */
function closeToolCalls(turns: Turn[]): Turn[] {
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    if (turn.role !== 'assistant') continue;
    const ids = turn.blocks.filter((b): b is ToolUseBlockParam => b.type === 'tool_use').map((b) => b.id);
    if (!ids.length || i === turns.length - 1) continue;
    let next = turns[i + 1]!;
    if (next.role !== 'user') {
      next = { role: 'user', blocks: [] };
      turns.splice(i + 1, 0, next);
    }
    const answered = new Set(next.blocks.filter(isToolResult).map((b) => b.tool_use_id));
    const missing: ToolResultBlockParam[] = ids.filter((id) => !answered.has(id))
      .map((id) => ({ type: 'tool_result', tool_use_id: id, content: INTERRUPTED, is_error: true }));
    next.blocks.unshift(...missing);
  }
  return turns;
}

export function toAnthropicMessages(
  messages: readonly ChatMessage[],
  recall: (callId: string) => SignedThinking[] | undefined = () => undefined,
): MessageParam[] {
  const turns = closeToolCalls(mergeTurns(messages.map((m) => toTurn(m, recall))));
  return turns.map((turn, index) => {
    // tool_result blocks must come first in a user turn; keep everything else in order after them.
    const blocks = turn.role === 'user'
      ? [...turn.blocks.filter(isToolResult), ...turn.blocks.filter((b) => !isToolResult(b))]
      : turn.blocks;
    // A final assistant turn is a prefill, and the API rejects one that ends in whitespace.
    if (index === turns.length - 1 && turn.role === 'assistant') {
      const tail = blocks[blocks.length - 1];
      if (tail?.type === 'text') blocks[blocks.length - 1] = { ...tail, text: tail.text.trimEnd() };
    }
    return { role: turn.role, content: blocks };
  });
}

/**
 * True when the conversation is in the middle of a tool loop (the last assistant turn made calls and
 * only tool results follow it) but we have no signed thinking to send back for that turn, e.g. after
 * a reload. Anthropic then rejects thinking ("a final assistant message must start with a thinking
 * block"), so the request goes without it.
 */
export function toolLoopLacksThinking(
  messages: readonly ChatMessage[],
  recall: (callId: string) => SignedThinking[] | undefined,
): boolean {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'tool') continue;
    if (m.role !== 'assistant' || i === messages.length - 1) return false;
    const first = m.toolCalls?.[0];
    return !!first && !recall(first.id);
  }
  return false;
}
