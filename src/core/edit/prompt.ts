// The request an edit sends: the lines to rewrite, a little of what surrounds them (so names and style
// are right), the language and the instruction. The answer format is spelled out because it is parsed
// strictly (reply.ts): one fenced block holding the full replacement of the lines, nothing else.
import type { ChatMessage } from '../providers/types';

export const EDIT_SYSTEM_PROMPT = [
  'You rewrite a selected region of a source file as the user instructs.',
  'Answer with exactly one fenced code block that holds the complete replacement for the selected lines, and nothing else:',
  'no explanation, no other blocks, no lines from outside the selection.',
  'Keep the original indentation, line style and everything the instruction does not ask to change.',
].join(' ');

/** Lines of context on each side of the selection. */
export const CONTEXT_LINES = 30;

export interface EditPromptInput {
  instruction: string;
  path: string;
  language: string;
  before: string[];
  selection: string[];
  after: string[];
}

export function editMessages(input: EditPromptInput): { system: string; messages: ChatMessage[] } {
  const fence = fenceFor([...input.before, ...input.selection, ...input.after]);
  const block = (lines: string[]): string => `${fence}${input.language}\n${lines.join('\n')}\n${fence}`;
  const parts = [
    `File: ${input.path} (${input.language})`,
    input.before.length ? `Lines before the selection (do not repeat them):\n${block(input.before)}` : '',
    `The selected lines to rewrite:\n${block(input.selection)}`,
    input.after.length ? `Lines after the selection (do not repeat them):\n${block(input.after)}` : '',
    `Instruction: ${input.instruction}`,
  ].filter(Boolean);
  return { system: EDIT_SYSTEM_PROMPT, messages: [{ role: 'user', content: [{ type: 'text', text: parts.join('\n\n') }] }] };
}

/** A fence longer than any run of backticks in the code, so code holding ``` cannot close it early. */
function fenceFor(lines: string[]): string {
  let longest = 2;
  for (const l of lines) for (const m of l.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(longest + 1);
}
