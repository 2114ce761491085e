// Our conversation -> Converse `messages`. Converse is strict: roles must alternate (so consecutive
// same-role messages are merged, and tool results travel as a *user* message), no text block may be
// empty, and toolUse/toolResult blocks are refused unless the request declares tools.
import type { ContentBlock, ImageFormat, Message, ToolUseBlock } from '@aws-sdk/client-bedrock-runtime';
import { ProviderError } from '../../errors';
import { BEDROCK_TOOL_IDS, wireToolId } from '../tool-ids';
import type { ChatMessage, ContentPart } from '../types';

const IMAGE_FORMATS: Record<string, ImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export interface ConvertOptions {
  provider: string;
  /** Without declared tools, earlier tool calls and results are sent as plain text. */
  toolsDeclared: boolean;
}

export function convertMessages(messages: readonly ChatMessage[], opts: ConvertOptions): Message[] {
  const out: Message[] = [];
  const push = (role: 'user' | 'assistant', blocks: ContentBlock[]): void => {
    if (blocks.length === 0) return;
    const last = out[out.length - 1];
    if (last?.role === role) last.content = [...(last.content ?? []), ...blocks];
    else out.push({ role, content: blocks });
  };
  for (const m of messages) {
    switch (m.role) {
      case 'user':
        push('user', m.content.map((p) => convertPart(p, opts.provider)).filter(isBlock));
        break;
      case 'assistant': {
        const blocks = m.content.map((p) => convertPart(p, opts.provider)).filter(isBlock);
        for (const call of m.toolCalls ?? []) {
          blocks.push(opts.toolsDeclared
            ? { toolUse: { toolUseId: wireToolId(call.id, BEDROCK_TOOL_IDS), name: call.name, input: parseArguments(call.argumentsJson) } }
            : { text: `[called tool ${call.name} with ${call.argumentsJson || '{}'}]` });
        }
        push('assistant', blocks);
        break;
      }
      case 'tool': {
        // An empty text block is refused, and an empty tool result reads as a failure to some models.
        const text = m.content || '(no output)';
        // A tool's images go inside its toolResult (Converse takes image blocks there), or beside the note.
        const images = (m.images ?? []).flatMap((image) => convertPart(image, opts.provider) ?? []);
        push('user', opts.toolsDeclared
          ? [{ toolResult: { toolUseId: wireToolId(m.toolCallId, BEDROCK_TOOL_IDS), content: [{ text }, ...images.map((b) => ({ image: b.image! }))], status: m.isError ? 'error' : 'success' } }]
          : [{ text: `[tool ${m.toolName} ${m.isError ? 'failed' : 'returned'}: ${text}]` }, ...images]);
        break;
      }
    }
  }
  return out;
}

function convertPart(part: ContentPart, provider: string): ContentBlock | undefined {
  if (part.type === 'text') return part.text.trim() ? { text: part.text } : undefined;
  const format = IMAGE_FORMATS[part.mimeType.toLowerCase()];
  if (!format) {
    throw new ProviderError({ kind: 'bad-request', provider, message: `Bedrock takes PNG, JPEG, GIF or WebP images, not ${part.mimeType}` });
  }
  return { image: { format, source: { bytes: Uint8Array.from(Buffer.from(part.dataBase64, 'base64')) } } };
}

function isBlock(b: ContentBlock | undefined): b is ContentBlock {
  return b !== undefined;
}

/** Converse wants the arguments as a JSON object; a model's broken JSON is kept as a string field. */
type Doc = NonNullable<ToolUseBlock['input']>;

function parseArguments(json: string): Doc {
  if (!json.trim()) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Doc) : { value: v as Doc };
  } catch {
    return { _raw: json };
  }
}
