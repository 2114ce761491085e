// VS Code's Language Model messages -> the core's provider-neutral conversation.
// Unknown parts are skipped, not fatal: newer VS Code versions add part types we do not know yet.
// Whether the result makes a valid request is checked apart (src/core/lm/conversation.ts): token
// counting converts single messages, which need not be a whole conversation.
import * as vscode from 'vscode';
import { LmApiError } from '../../core/lm/errors';
import { MAX_IMAGE_BYTES, tooLarge } from '../../core/lm/history';
import { toolResultContent, type ToolResultPiece } from '../../core/lm/tool-result';
import type { ChatMessage, ContentPart, ToolCall } from '../../core/providers/types';

function isImagePart(part: unknown): part is { mimeType: string; data: Uint8Array } {
  const p = part as { mimeType?: unknown; data?: unknown };
  return typeof p?.mimeType === 'string' && p.mimeType.startsWith('image/') && p.data instanceof Uint8Array;
}

/**
 * A tool call's input as JSON, checked later (src/core/lm/history.ts). Input JSON cannot hold (a cycle,
 * a BigInt, a function) becomes text that is not JSON, which the check reports, instead of a TypeError.
 */
function inputJson(input: unknown): string {
  try {
    return JSON.stringify(input ?? {}) ?? '<not JSON>';
  } catch {
    return '<not JSON>';
  }
}

function isDataPart(part: unknown): part is { mimeType: string; data: Uint8Array } {
  const p = part as { mimeType?: unknown; data?: unknown };
  return typeof p?.mimeType === 'string' && p.data instanceof Uint8Array;
}

/** A tool result's content parts, sorted into what src/core/lm/tool-result.ts knows how to send. */
function resultPiece(part: unknown): ToolResultPiece {
  if (part instanceof vscode.LanguageModelTextPart) return { kind: 'text', value: part.value };
  if (typeof part === 'string') return { kind: 'text', value: part };
  if (part instanceof vscode.LanguageModelPromptTsxPart) return { kind: 'prompt-tsx' };
  if (isDataPart(part)) return { kind: 'data', mimeType: part.mimeType, data: part.data };
  return { kind: 'unknown' };
}

export function convertMessages(messages: readonly vscode.LanguageModelChatRequestMessage[]): { system?: string; messages: ChatMessage[] } {
  const out: ChatMessage[] = [];
  const systemParts: string[] = [];
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    const content: ContentPart[] = [];
    const toolCalls: ToolCall[] = [];
    for (const part of message.content) {
      if (part instanceof vscode.LanguageModelTextPart) {
        if (part.value) content.push({ type: 'text', text: part.value });
      } else if (part instanceof vscode.LanguageModelToolCallPart) {
        toolNames.set(part.callId, part.name);
        // A caller in plain JavaScript may send any name; the core check reports a missing one.
        toolCalls.push({ id: part.callId, name: typeof part.name === 'string' ? part.name : '', argumentsJson: inputJson(part.input) });
      } else if (part instanceof vscode.LanguageModelToolResultPart) {
        const { text, images } = toolResultContent(part.content.map(resultPiece));
        out.push({ role: 'tool', toolCallId: part.callId, toolName: toolNames.get(part.callId) ?? 'tool', content: text, ...(images.length ? { images } : {}) });
      } else if (isImagePart(part)) {
        // Refused before encoding: base64 of a few hundred MB cannot even be made into a string.
        if (part.data.byteLength > MAX_IMAGE_BYTES) throw new LmApiError(`the request contains ${tooLarge(part.data.byteLength)}`);
        content.push({ type: 'image', mimeType: part.mimeType, dataBase64: Buffer.from(part.data).toString('base64') });
      }
    }
    // Role 3 is System in later VS Code versions; 1.104 has only User and Assistant.
    if ((message.role as number) === 3) {
      systemParts.push(...content.filter((c) => c.type === 'text').map((c) => c.text));
    } else if (message.role === vscode.LanguageModelChatMessageRole.Assistant) {
      if (content.length || toolCalls.length) out.push({ role: 'assistant', content, ...(toolCalls.length ? { toolCalls } : {}) });
    } else if (content.length) {
      out.push({ role: 'user', content });
    }
  }
  return { ...(systemParts.length ? { system: systemParts.join('\n\n') } : {}), messages: out };
}
