// A tool result's content, as every provider takes it in a tool-result turn: text, and the images the
// tool returned (a screenshot, a rendered chart). VS Code types the content loosely (text parts,
// prompt-tsx parts, data parts, anything): text goes as it is, data that is text (text/*, JSON) is
// decoded, image data goes as an image (checked against the model in tool-images.ts), and what we cannot
// send (a prompt-tsx tree) is replaced by a note the model can read, so it never sees a silent gap.
// Data parts of other types are markers callers add for their own use (Copilot's `cache_control`,
// `stateful_marker`), not content: they are skipped.
import type { ImagePart } from '../providers/types';
import { MAX_IMAGE_BYTES, tooLarge } from './history';

export type ToolResultPiece =
  | { kind: 'text'; value: string }
  | { kind: 'data'; mimeType: string; data: Uint8Array }
  | { kind: 'prompt-tsx' }
  | { kind: 'unknown' };

const TEXT_TYPES = /^(?:text\/[\w.+-]+|application\/(?:[\w.-]+\+)?json)(?:\s*;.*)?$/i;

export interface ToolResultContent {
  text: string;
  images: ImagePart[];
}

export function toolResultContent(pieces: readonly ToolResultPiece[]): ToolResultContent {
  let text = '';
  const images: ImagePart[] = [];
  for (const piece of pieces) {
    switch (piece.kind) {
      case 'text':
        text += piece.value;
        break;
      case 'data':
        if (TEXT_TYPES.test(piece.mimeType)) text += new TextDecoder().decode(piece.data);
        // The size is checked before encoding: base64 of a few hundred MB cannot even be made into a string.
        else if (/^image\//i.test(piece.mimeType) && piece.data.byteLength > MAX_IMAGE_BYTES) text += `[BYOK: the tool returned an image (${piece.mimeType.slice(0, 40)}) that is not sent: ${tooLarge(piece.data.byteLength)}]`;
        else if (/^image\//i.test(piece.mimeType)) images.push({ type: 'image', mimeType: piece.mimeType.toLowerCase(), dataBase64: Buffer.from(piece.data).toString('base64') });
        break;
      case 'prompt-tsx':
        text += '[BYOK: the tool returned a prompt-tsx part, which is not sent: render it to a LanguageModelTextPart first.]';
        break;
      case 'unknown':
        break;
    }
  }
  return { text, images };
}
