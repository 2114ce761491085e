// Gemini's model listing as ModelInfo. The listing mixes chat models with embedding, image and other
// models; only those that can generateContent are kept.
import type { Model } from '@google/genai';
import type { ModelInfo } from '../types';

const DEFAULT_CONTEXT = 1_048_576;
const DEFAULT_OUTPUT = 8192;

export function canChat(m: Model): boolean {
  return (m.supportedActions ?? []).includes('generateContent');
}

export function toModelInfo(m: Model): ModelInfo {
  const id = (m.name ?? '').replace(/^models\//, '');
  // Speech, image-generation and embedding variants take no images in / tools the chat way.
  const special = /tts|image-generation|embedding|aqa|native-audio/i.test(id);
  return {
    id,
    name: m.displayName || id,
    contextWindow: m.inputTokenLimit || DEFAULT_CONTEXT,
    maxOutputTokens: m.outputTokenLimit || DEFAULT_OUTPUT,
    vision: !special,
    toolCalling: !special && !/^gemma/i.test(id),
    reasoning: m.thinking === true,
    source: 'live',
  };
}
