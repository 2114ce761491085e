// Another extension's history goes to the provider as it is; what no provider accepts is refused first,
// with a message that names the part at fault.
import * as assert from 'node:assert/strict';
import { validateConversation } from '../../../src/core/lm/conversation';
import { LmApiError } from '../../../src/core/lm/errors';
import { MAX_IMAGE_BYTES, validateHistoryToolCall, validateImage } from '../../../src/core/lm/history';
import type { ChatMessage, ContentPart } from '../../../src/core/providers/types';

type Image = Extract<ContentPart, { type: 'image' }>;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const WEBP = Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1');
const image = (mimeType: string, bytes: Buffer): Image => ({ type: 'image', mimeType, dataBase64: bytes.toString('base64') });
const isLmError = (pattern: RegExp) => (e: unknown): boolean => e instanceof LmApiError && pattern.test(e.message);
const call = (name: string, argumentsJson: string) => ({ id: 'c1', name, argumentsJson });

describe('LM API history: tool calls and images no provider accepts are refused before sending', () => {
  it('a history tool call whose name breaks the tool-name rule is refused', () => {
    for (const name of ['bad name!', '', 'a'.repeat(65), 'tool.with.dots', 'ünïcode']) {
      assert.throws(() => validateHistoryToolCall(call(name, '{}')), isLmError(/tool call "c1" in the history names the tool .*1 to 64 letters/), name);
    }
    validateHistoryToolCall(call('get_weather-2', '{"city":"Oslo"}'));
    validateHistoryToolCall(call('a'.repeat(64), '{}'));
  });

  it('a history tool call whose input is not a plain object (string, array, null, number) is refused', () => {
    for (const [json, shown] of [['"rm -rf"', /a string/], ['[1,2]', /an array/], ['null', /null/], ['7', /the number 7/], ['true', /a boolean/]] as const) {
      assert.throws(() => validateHistoryToolCall(call('run', json)), isLmError(new RegExp(`"c1" \\(run\\) in the history has input ${shown.source}.*must be a JSON object`)), json);
    }
    assert.throws(() => validateHistoryToolCall(call('run', '<not JSON>')), isLmError(/cannot be written as JSON/));
    // No input at all is a call of a tool without parameters.
    validateHistoryToolCall(call('run', ''));
    validateHistoryToolCall(call('run', '{"nested":{"a":[1]}}'));
  });

  it('an image is refused for a model without vision', () => {
    assert.throws(() => validateImage(image('image/png', PNG), { vision: false }), isLmError(/this model does not take images/));
    validateImage(image('image/png', PNG), { vision: true });
  });

  it('only png, jpeg, gif and webp images are sent, and only when the bytes are of that type', () => {
    for (const [type, bytes] of [['image/png', PNG], ['image/jpeg', JPEG], ['image/gif', GIF], ['image/webp', WEBP]] as const) validateImage(image(type, bytes), { vision: true });
    for (const type of ['image/svg+xml', 'image/bmp', 'image/tiff', 'image/heic', 'image/jpg']) {
      assert.throws(() => validateImage(image(type, PNG), { vision: true }), isLmError(/cannot be sent: providers accept image\/png, image\/jpeg, image\/gif, image\/webp/), type);
    }
    assert.throws(() => validateImage(image('image/jpeg', PNG), { vision: true }), isLmError(/labelled image\/jpeg does not contain JPEG data/));
    assert.throws(() => validateImage(image('image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), { vision: true }), isLmError(/does not contain PNG data/));
  });

  it('an image over 20 MB is refused; one of exactly 20 MB is sent', () => {
    const exact = Buffer.alloc(MAX_IMAGE_BYTES);
    PNG.copy(exact);
    validateImage(image('image/png', exact), { vision: true });
    const over = Buffer.alloc(MAX_IMAGE_BYTES + 1);
    PNG.copy(over);
    assert.throws(() => validateImage(image('image/png', over), { vision: true }), isLmError(/an image of 20\.0 MB is larger than the 20 MB any provider accepts/));
  });

  it('the conversation check applies both: a bad history tool call and an image to a non-vision model', () => {
    const user = (content: ContentPart[]): ChatMessage => ({ role: 'user', content });
    const withImage = [user([{ type: 'text', text: 'what is this?' }, image('image/png', PNG)])];
    assert.throws(() => validateConversation({ messages: withImage }, { vision: false }), isLmError(/does not take images/));
    validateConversation({ messages: withImage }, { vision: true });
    const badCall: ChatMessage[] = [
      user([{ type: 'text', text: 'go' }]),
      { role: 'assistant', content: [], toolCalls: [{ id: 'c9', name: 'run', argumentsJson: '"ls"' }] },
      { role: 'tool', toolCallId: 'c9', toolName: 'run', content: 'ok' },
    ];
    assert.throws(() => validateConversation({ messages: badCall }, { vision: true }), isLmError(/"c9" \(run\) in the history has input a string/));
  });
});
