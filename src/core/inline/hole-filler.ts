// The chat fallback for models without a FIM endpoint: the code goes in with a marker where the cursor is,
// and the answer must come back inside strict tags. Parsing is strict on purpose: a chat model that
// explains, refuses or forgets the tags yields nothing, never a fragment of prose pasted into code.
import type { ChatRequest } from '../providers/types';

export const HOLE = '<|CURSOR|>';
const OPEN = '<COMPLETION>';
const CLOSE = '</COMPLETION>';

const SYSTEM = [
  'You are a code completion engine. You receive a file with the marker ' + HOLE + ' where the cursor is.',
  `Answer with exactly the text to insert at the marker, wrapped in ${OPEN}${CLOSE}, and nothing else.`,
  'Do not repeat code before or after the marker. Do not use Markdown fences. If nothing fits, answer ' + OPEN + CLOSE + '.',
].join(' ');

export function holeFillerRequest(input: { prefix: string; suffix: string; languageId: string; fileName: string; snippets?: string; maxOutputTokens: number; multiline: boolean }): Omit<ChatRequest, 'model'> {
  const scope = input.multiline ? 'one or more complete lines' : 'the rest of the current line only';
  const context = input.snippets ? `Related code from other files:\n${input.snippets}\n\n` : '';
  return {
    system: SYSTEM,
    messages: [{
      role: 'user',
      content: [{ type: 'text', text: `${context}File ${input.fileName} (${input.languageId}). Fill in ${scope}.\n\n${input.prefix}${HOLE}${input.suffix}` }],
    }],
    maxOutputTokens: input.maxOutputTokens,
    temperature: 0,
  };
}

/**
 * The text between the tags, or undefined when the answer is not exactly one tagged completion.
 * Reasoning (`<think>`) before the tags is allowed and dropped; text outside the tags is not.
 */
export function parseHoleFiller(answer: string): string | undefined {
  const text = answer.replace(/<think>[\s\S]*?<\/think>/g, '').trim();
  if (!text.startsWith(OPEN)) return undefined;
  const end = text.indexOf(CLOSE);
  if (end < 0) return undefined;
  if (text.slice(end + CLOSE.length).trim() !== '') return undefined;
  const inner = text.slice(OPEN.length, end);
  if (inner.includes(OPEN) || inner.includes(HOLE)) return undefined;
  return inner;
}

/** True once a streamed answer is complete (the closing tag arrived): the rest need not be read. */
export function holeFillerClosed(answer: string): boolean {
  return answer.includes(CLOSE);
}
