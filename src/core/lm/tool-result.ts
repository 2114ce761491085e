// A tool result's content, as the text every provider takes in a tool-result turn. VS Code types the
// content loosely (text parts, prompt-tsx parts, data parts, anything): text goes as it is, data that is
// text (text/*, JSON) is decoded, and what we cannot send as text (an image, a prompt-tsx tree) is
// replaced by a note the model can read, so it neither sees an empty result nor a silent gap.
// Data parts of other types are markers callers add for their own use (Copilot's `cache_control`,
// `stateful_marker`), not content: they are skipped.

export type ToolResultPiece =
  | { kind: 'text'; value: string }
  | { kind: 'data'; mimeType: string; data: Uint8Array }
  | { kind: 'prompt-tsx' }
  | { kind: 'unknown' };

const TEXT_TYPES = /^(?:text\/[\w.+-]+|application\/(?:[\w.-]+\+)?json)(?:\s*;.*)?$/i;

export function toolResultText(pieces: readonly ToolResultPiece[]): string {
  let out = '';
  for (const piece of pieces) {
    switch (piece.kind) {
      case 'text':
        out += piece.value;
        break;
      case 'data':
        if (TEXT_TYPES.test(piece.mimeType)) out += new TextDecoder().decode(piece.data);
        else if (/^image\//i.test(piece.mimeType)) out += `[BYOK: the tool returned an image (${piece.mimeType.slice(0, 40)}), which is not sent: tool results go to the model as text.]`;
        break;
      case 'prompt-tsx':
        out += '[BYOK: the tool returned a prompt-tsx part, which is not sent: render it to a LanguageModelTextPart first.]';
        break;
      case 'unknown':
        break;
    }
  }
  return out;
}
