// Images in tool results, fitted to the model a request goes to. A tool's image must not fail the whole
// turn (an agent calls a screenshot tool whatever model is chosen), so an image this model cannot take
// (no vision, a type no provider accepts, too large, bytes that are not what the label says) is replaced
// by a note in the result's text saying why: the model reads that instead of a silent gap.
import type { ChatMessage } from '../providers/types';
import { imageProblem } from './history';

export function fitToolImages(messages: readonly ChatMessage[], model: { vision: boolean }): ChatMessage[] {
  return messages.map((m) => {
    if (m.role !== 'tool' || !m.images?.length) return m;
    const images = [];
    const notes: string[] = [];
    for (const image of m.images) {
      const problem = imageProblem(image, model);
      if (problem) notes.push(`[BYOK: the tool returned an image (${image.mimeType.slice(0, 40)}) that is not sent: ${problem}]`);
      else images.push(image);
    }
    const content = [m.content, ...notes].filter(Boolean).join('\n');
    const { images: _dropped, ...rest } = m;
    return images.length ? { ...rest, content, images } : { ...rest, content };
  });
}
