// The neutral conversation as OpenAI chat messages.
import type {
  ChatCompletionContentPart, ChatCompletionMessageParam, ChatCompletionMessageToolCall,
} from 'openai/resources/chat/completions';
import { OPENAI_TOOL_IDS, wireToolId } from '../tool-ids';
import type { ChatMessage, ContentPart } from '../types';

function textOf(parts: ContentPart[]): string {
  let out = '';
  for (const p of parts) if (p.type === 'text') out += p.text;
  return out;
}

/**
 * Text-only content goes as a plain string: several compatible hosts (DeepSeek, some local
 * servers) reject the array form, and every host accepts the string.
 */
function userContent(parts: ContentPart[]): string | ChatCompletionContentPart[] {
  if (parts.every((p) => p.type === 'text')) return textOf(parts);
  return parts.map((p): ChatCompletionContentPart => p.type === 'text'
    ? { type: 'text', text: p.text }
    : { type: 'image_url', image_url: { url: `data:${p.mimeType};base64,${p.dataBase64}` } });
}

export function convertMessages(system: string | undefined, messages: ChatMessage[]): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  if (system) out.push({ role: 'system', content: system });
  let pendingImages: ContentPart[] = [];
  for (const [i, m] of messages.entries()) {
    switch (m.role) {
      case 'user':
        out.push({ role: 'user', content: userContent(m.content) });
        break;
      case 'assistant': {
        // Assistant turns cannot carry images in this API; their text is what the model said.
        const text = textOf(m.content);
        if (m.toolCalls?.length) {
          const toolCalls: ChatCompletionMessageToolCall[] = m.toolCalls.map((c) => ({
            id: wireToolId(c.id, OPENAI_TOOL_IDS), type: 'function', function: { name: c.name, arguments: c.argumentsJson || '{}' },
          }));
          out.push({ role: 'assistant', content: text || null, tool_calls: toolCalls });
        } else {
          out.push({ role: 'assistant', content: text });
        }
        break;
      }
      case 'tool': {
        // There is no error flag for tool results here; saying so in the text lets the model react.
        const images = m.images ?? [];
        const note = images.length ? `\n[${images.length === 1 ? 'An image' : `${images.length} images`} from this result follow${images.length === 1 ? 's' : ''} in the next message.]` : '';
        out.push({ role: 'tool', tool_call_id: wireToolId(m.toolCallId, OPENAI_TOOL_IDS), content: `${m.isError ? `Error: ${m.content}` : m.content}${note}` });
        if (images.length) pendingImages.push({ type: 'text', text: `Image${images.length > 1 ? 's' : ''} returned by the tool ${m.toolName} (${wireToolId(m.toolCallId, OPENAI_TOOL_IDS)}):` }, ...images);
        // Tool messages only take text: a tool's images go in one user message right after the results.
        if (pendingImages.length && messages[i + 1]?.role !== 'tool') {
          out.push({ role: 'user', content: userContent(pendingImages) });
          pendingImages = [];
        }
        break;
      }
    }
  }
  return out;
}
