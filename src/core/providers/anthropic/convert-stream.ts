// Anthropic's stream events as our StreamParts. Text and thinking deltas flow straight through; a
// tool call is emitted whole when its block closes (its input arrives as partial JSON slices); usage
// and the finish come at message_stop, the stream's only proof of completeness.
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { StreamPart, ToolCall } from '../types';
import { emptyTally, mergeUsage, toUsage } from './convert-usage';
import { mapStopReason } from './map-finish';
import type { SignedThinking } from './thinking-memory';

type OpenBlock =
  | { kind: 'thinking'; thinking: string; signature: string }
  | { kind: 'redacted'; data: string }
  | { kind: 'tool'; id: string; name: string; json: string; initial: unknown }
  | { kind: 'other' };

export async function* mapAnthropicEvents(
  events: AsyncIterable<RawMessageStreamEvent>,
  onSignedThinking: (callIds: string[], blocks: SignedThinking[]) => void = () => undefined,
): AsyncGenerator<StreamPart> {
  let usage = emptyTally();
  let stopReason: string | null = null;
  const open = new Map<number, OpenBlock>();
  const thinking: SignedThinking[] = [];
  const calls: ToolCall[] = [];

  for await (const event of events) {
    switch (event.type) {
      case 'message_start':
        usage = mergeUsage(usage, event.message.usage);
        break;
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'thinking') {
          open.set(event.index, { kind: 'thinking', thinking: block.thinking ?? '', signature: block.signature ?? '' });
          if (block.thinking) yield { type: 'reasoning', delta: block.thinking };
        } else if (block.type === 'redacted_thinking') {
          open.set(event.index, { kind: 'redacted', data: block.data });
        } else if (block.type === 'tool_use') {
          open.set(event.index, { kind: 'tool', id: block.id, name: block.name, json: '', initial: block.input });
        } else {
          open.set(event.index, { kind: 'other' });
          if (block.type === 'text' && block.text) yield { type: 'text', delta: block.text };
        }
        break;
      }
      case 'content_block_delta': {
        const block = open.get(event.index);
        const delta = event.delta;
        if (delta.type === 'text_delta') {
          if (delta.text) yield { type: 'text', delta: delta.text };
        } else if (delta.type === 'thinking_delta') {
          if (block?.kind === 'thinking') block.thinking += delta.thinking;
          if (delta.thinking) yield { type: 'reasoning', delta: delta.thinking };
        } else if (delta.type === 'signature_delta') {
          // Not for the user; kept so the block can be sent back valid in a tool loop.
          if (block?.kind === 'thinking') block.signature += delta.signature;
        } else if (delta.type === 'input_json_delta') {
          if (block?.kind === 'tool') block.json += delta.partial_json;
        }
        break;
      }
      case 'content_block_stop': {
        const block = open.get(event.index);
        open.delete(event.index);
        if (block?.kind === 'thinking' && block.signature) {
          thinking.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
        } else if (block?.kind === 'redacted') {
          thinking.push({ type: 'redacted_thinking', data: block.data });
        } else if (block?.kind === 'tool') {
          const hasInitial = block.initial !== null && typeof block.initial === 'object' && Object.keys(block.initial).length > 0;
          const call: ToolCall = {
            id: block.id,
            name: block.name,
            argumentsJson: block.json.trim() ? block.json : hasInitial ? JSON.stringify(block.initial) : '{}',
          };
          calls.push(call);
          yield { type: 'tool-call', call };
        }
        break;
      }
      case 'message_delta':
        stopReason = event.delta.stop_reason ?? stopReason;
        usage = mergeUsage(usage, event.usage);
        break;
      case 'message_stop': {
        if (calls.length && thinking.length) onSignedThinking(calls.map((c) => c.id), thinking);
        const final = toUsage(usage);
        yield { type: 'usage', usage: final };
        yield { type: 'finish', reason: mapStopReason(stopReason, calls.length > 0), usage: final };
        break; // keep reading to the end so the connection closes cleanly
      }
      default:
        break; // ping is filtered by the SDK; unknown future events are ignored
    }
  }
}
