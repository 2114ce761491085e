// Our provider-neutral conversation in Gemini's shape: `model` instead of assistant, images as
// inlineData, tool calls as functionCall parts and results as functionResponse parts in a user turn.
// Turns alternate (same-role neighbours are merged, so parallel results share one turn as Gemini
// expects), empty parts are dropped, and every call gets an answer in the next turn.
import type { Content, Part } from '@google/genai';
import type { ChatMessage, ContentPart, ToolCall } from '../types';
import { isOwnCallId, SKIP_SIGNATURE } from './call-memory';

const INTERRUPTED = 'No result: the tool call was interrupted before it finished.';

function contentParts(parts: readonly ContentPart[]): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      if (part.text) out.push({ text: part.text });
    } else {
      out.push({ inlineData: { mimeType: part.mimeType, data: part.dataBase64 } });
    }
  }
  return out;
}

function parseArgs(argumentsJson: string): Record<string, unknown> {
  if (!argumentsJson.trim()) return {};
  try {
    const value = JSON.parse(argumentsJson) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : { value };
  } catch {
    return { _raw: argumentsJson };
  }
}

function callPart(call: ToolCall, signature: string | undefined): Part {
  return {
    functionCall: { name: call.name, args: parseArgs(call.argumentsJson), ...(isOwnCallId(call.id) ? {} : { id: call.id }) },
    ...(signature ? { thoughtSignature: signature } : {}),
  };
}

function responsePart(id: string, name: string, content: string, isError: boolean): Part {
  return {
    functionResponse: {
      ...(isOwnCallId(id) ? {} : { id }),
      name,
      // Gemini's convention: "output" for a result, "error" for a failure.
      response: isError ? { error: content } : { output: content },
    },
  };
}

function toContent(message: ChatMessage, recallSignature: (callId: string) => string | undefined): Content {
  switch (message.role) {
    case 'user':
      return { role: 'user', parts: contentParts(message.content) };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      // Gemini signs the first call of a step; without its real signature, the documented placeholder.
      const parts = calls.map((c, i) => callPart(c, recallSignature(c.id) ?? (i === 0 ? SKIP_SIGNATURE : undefined)));
      return { role: 'model', parts: [...contentParts(message.content), ...parts] };
    }
    case 'tool': {
      // A tool's images follow the responses in the same user turn (closeCalls keeps every response first),
      // each introduced by a line naming the tool, since a functionResponse itself carries only JSON here.
      const images = message.images?.length ? [{ text: `Image${message.images.length > 1 ? 's' : ''} returned by the tool ${message.toolName}:` }, ...contentParts(message.images)] : [];
      return { role: 'user', parts: [responsePart(message.toolCallId, message.toolName, message.content, !!message.isError), ...images] };
    }
  }
}

interface CallRef { id: string | undefined; name: string }

function callsIn(content: Content): CallRef[] {
  return (content.parts ?? []).flatMap((p) => (p.functionCall ? [{ id: p.functionCall.id, name: p.functionCall.name ?? '' }] : []));
}

/** A function call without its response in the next turn is a 400: close interrupted calls. */
function closeCalls(contents: Content[]): Content[] {
  for (let i = 0; i < contents.length - 1; i++) {
    const calls = callsIn(contents[i]!);
    if (contents[i]!.role !== 'model' || !calls.length) continue;
    let next = contents[i + 1]!;
    if (next.role !== 'user') {
      next = { role: 'user', parts: [] };
      contents.splice(i + 1, 0, next);
    }
    const responses = (next.parts ?? []).filter((p) => p.functionResponse);
    const missing = calls.slice(responses.length).map((c) => responsePart(c.id ?? 'gcall_', c.name, INTERRUPTED, true));
    // Responses first, in call order, then anything the user said.
    next.parts = [...responses, ...missing, ...(next.parts ?? []).filter((p) => !p.functionResponse)];
  }
  return contents;
}

/**
 * Results in the order of the calls they answer. Gemini pairs a step's responses with its calls by
 * position (the ids we made up are not sent), so two calls of one function answered in another order
 * would swap their results.
 */
function resultsInCallOrder(messages: readonly ChatMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!;
    out.push(message);
    if (message.role !== 'assistant' || !message.toolCalls?.length) continue;
    let end = i + 1;
    while (end < messages.length && messages[end]!.role === 'tool') end++;
    const order = new Map(message.toolCalls.map((c, index) => [c.id, index]));
    const rank = (m: ChatMessage): number => (m.role === 'tool' ? order.get(m.toolCallId) ?? order.size : order.size);
    // Array.prototype.sort is stable: results for unknown calls keep their place after the known ones.
    out.push(...messages.slice(i + 1, end).sort((a, b) => rank(a) - rank(b)));
    i = end - 1;
  }
  return out;
}

export function toGeminiContents(
  messages: readonly ChatMessage[],
  recallSignature: (callId: string) => string | undefined = () => undefined,
): Content[] {
  const merged: Content[] = [];
  for (const content of resultsInCallOrder(messages).map((m) => toContent(m, recallSignature))) {
    if (!content.parts?.length) continue;
    const last = merged[merged.length - 1];
    if (last && last.role === content.role) last.parts = [...(last.parts ?? []), ...content.parts];
    else merged.push({ role: content.role!, parts: [...content.parts] });
  }
  return closeCalls(merged);
}
