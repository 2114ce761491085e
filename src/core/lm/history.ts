// The parts of another extension's history that go to the provider as they are: tool calls the caller
// says the model made, and images. VS Code types neither strictly (a tool call's input is `object`, an
// image is any data part with an image/* type), and every provider answers a bad one with a 400 that
// does not say which message was at fault, or, for an image, after uploading it.
import type { ImagePart, ToolCall } from '../providers/types';
import { describeValue, LmApiError } from './errors';
import { TOOL_NAME } from './tools';

/** The image types OpenAI, Anthropic, Gemini and Bedrock all accept. */
export const IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/**
 * The largest image we send, decoded. 20 MB is OpenAI's per-image limit and Gemini's limit for a whole
 * request with inline data: no provider takes a larger one inline, and base64 makes it a third bigger
 * in memory and on the wire. Smaller per-provider limits (Anthropic 5 MB, Bedrock 3.75 MB) are left to
 * the provider's own message.
 */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** How each accepted type starts: a part whose bytes are another format is refused, not sent mislabelled. */
const SIGNATURES: Readonly<Record<string, (b: Buffer) => boolean>> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A tool call in the history: a name providers accept and arguments that are a JSON object. */
export function validateHistoryToolCall(call: ToolCall): void {
  if (!TOOL_NAME.test(call.name)) {
    const shown = JSON.stringify(call.name.length > 80 ? `${call.name.slice(0, 80)}…` : call.name);
    throw new LmApiError(`the tool call "${call.id}" in the history names the tool ${shown}, which providers do not accept: use 1 to 64 letters, digits, _ or -.`);
  }
  let input: unknown;
  try {
    input = call.argumentsJson.trim() ? JSON.parse(call.argumentsJson) : {};
  } catch {
    throw new LmApiError(`the tool call "${call.id}" (${call.name}) in the history has input that cannot be written as JSON (a cycle, a BigInt or a function): a tool call's input must be a JSON object.`);
  }
  if (!isPlainObject(input)) {
    throw new LmApiError(`the tool call "${call.id}" (${call.name}) in the history has input ${describeValue(input)}: a tool call's input must be a JSON object (Anthropic and Bedrock accept nothing else).`);
  }
}

/** Decoded size of base64 text, without decoding it. */
function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

/** Why an image of `bytes` is refused. */
export function tooLarge(bytes: number): string {
  return `an image of ${(bytes / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_IMAGE_BYTES / 1024 / 1024} MB any provider accepts: scale it down first.`;
}

/** Why an image part cannot go to this model, or undefined when it can. */
export function imageProblem(part: ImagePart, model: { vision: boolean }): string | undefined {
  if (!model.vision) {
    return 'this model does not take images: remove the image or choose a model with vision (capabilities.imageInput).';
  }
  if (!IMAGE_TYPES.includes(part.mimeType)) {
    return `an image of type ${JSON.stringify(part.mimeType.slice(0, 60))} cannot be sent: providers accept ${IMAGE_TYPES.join(', ')}.`;
  }
  const bytes = base64Bytes(part.dataBase64);
  if (bytes > MAX_IMAGE_BYTES) return tooLarge(bytes);
  if (!SIGNATURES[part.mimeType]!(Buffer.from(part.dataBase64.slice(0, 24), 'base64'))) {
    return `an image labelled ${part.mimeType} does not contain ${part.mimeType.slice('image/'.length).toUpperCase()} data: send its real type.`;
  }
  return undefined;
}

/** An image part of a message, for a model with or without vision: refused with the reason. */
export function validateImage(part: ImagePart, model: { vision: boolean }): void {
  const problem = imageProblem(part, model);
  if (problem) throw new LmApiError(model.vision ? problem : `the request contains an image, but ${problem}`);
}
