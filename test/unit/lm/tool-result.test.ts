import assert from 'node:assert/strict';
import { fitToolImages } from '../../../src/core/lm/tool-images';
import { toolResultContent } from '../../../src/core/lm/tool-result';
import type { ChatMessage, ImagePart } from '../../../src/core/providers/types';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (pieces: Parameters<typeof toolResultContent>[0]): string => toolResultContent(pieces).text;
/** The smallest real PNG: a 1x1 pixel. */
export const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('LM API tool result content', () => {
  it('sends text parts as they are, in order', () => {
    assert.equal(text([{ kind: 'text', value: 'a.txt\n' }, { kind: 'text', value: 'b.txt' }]), 'a.txt\nb.txt');
  });

  it('decodes data parts that are text or JSON', () => {
    assert.equal(text([{ kind: 'data', mimeType: 'application/json', data: bytes('{"ok":true}') }, { kind: 'data', mimeType: 'text/plain; charset=utf-8', data: bytes(' ü') }]), '{"ok":true} ü');
  });

  it('keeps an image the tool returned as an image, beside the text', () => {
    const content = toolResultContent([{ kind: 'text', value: 'Screenshot:' }, { kind: 'data', mimeType: 'IMAGE/PNG', data: PIXEL_PNG }]);
    assert.equal(content.text, 'Screenshot:');
    assert.deepEqual(content.images, [{ type: 'image', mimeType: 'image/png', dataBase64: PIXEL_PNG.toString('base64') }]);
  });

  it('an image over 20 MB becomes a note before it is ever encoded', () => {
    const content = toolResultContent([{ kind: 'data', mimeType: 'image/png', data: new Uint8Array(21 * 1024 * 1024) }]);
    assert.deepEqual(content.images, []);
    assert.match(content.text, /^\[BYOK: the tool returned an image \(image\/png\) that is not sent: an image of 21\.0 MB is larger than the 20 MB any provider accepts/);
  });

  it('replaces a prompt-tsx part by a note the model can read, not silence', () => {
    assert.match(text([{ kind: 'prompt-tsx' }]), /prompt-tsx part, which is not sent: render it to a LanguageModelTextPart first/);
  });

  it('skips caller markers and unknown parts (Copilot\'s cache_control data parts are not content)', () => {
    assert.equal(text([{ kind: 'text', value: 'done' }, { kind: 'data', mimeType: 'cache_control', data: bytes('ephemeral') }, { kind: 'unknown' }]), 'done');
  });
});

describe('LM API tool result images, fitted to the model', () => {
  const png = { type: 'image' as const, mimeType: 'image/png', dataBase64: PIXEL_PNG.toString('base64') };
  const result = (images: ImagePart[]): ChatMessage => ({ role: 'tool', toolCallId: 'c1', toolName: 'screenshot', content: 'Screenshot of the page', images });

  it('a model with vision gets the image itself', () => {
    assert.deepEqual(fitToolImages([result([png])], { vision: true }), [result([png])]);
  });

  it('a model without vision gets a note saying why instead of the image, and the request goes on', () => {
    const [fitted] = fitToolImages([result([png])], { vision: false });
    assert.ok(fitted?.role === 'tool');
    assert.equal(fitted.images, undefined);
    assert.match(fitted.content, /^Screenshot of the page\n\[BYOK: the tool returned an image \(image\/png\) that is not sent: this model does not take images/);
  });

  it('an image no provider takes (SVG, wrong bytes for its label) becomes a note; a good one beside it is kept', () => {
    const svg = { type: 'image' as const, mimeType: 'image/svg+xml', dataBase64: Buffer.from('<svg/>').toString('base64') };
    const fake = { type: 'image' as const, mimeType: 'image/jpeg', dataBase64: PIXEL_PNG.toString('base64') };
    const [fitted] = fitToolImages([result([svg, png, fake])], { vision: true });
    assert.ok(fitted?.role === 'tool');
    assert.deepEqual(fitted.images, [png]);
    assert.match(fitted.content, /image\/svg\+xml\) that is not sent: an image of type "image\/svg\+xml" cannot be sent/);
    assert.match(fitted.content, /image\/jpeg\) that is not sent: an image labelled image\/jpeg does not contain JPEG data/);
  });
});
