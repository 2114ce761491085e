// Every host a user types goes through normalizeBaseUrl before a key is sent, and isInsecureRemote
// decides whether sending it needs a confirmation. Both are security rules: these are their tests.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { sdkBaseUrl } from '../../../src/core/providers/anthropic/client';
import { isInsecureRemote, isLoopbackHost, normalizeBaseUrl } from '../../../src/core/providers/base-url';
import { splitBaseUrl } from '../../../src/core/providers/gemini/client';
import { apiBaseUrl, azureRoot, ollamaRoot } from '../../../src/core/providers/openai/client';
import { findPreset } from '../../../src/core/providers/presets';

function refused(input: string): ProviderError {
  let caught: unknown;
  try { normalizeBaseUrl(input, 'openai-compatible'); } catch (e) { caught = e; }
  assert.ok(caught instanceof ProviderError, `${input} was accepted`);
  assert.equal(caught.kind, 'bad-request');
  assert.equal(caught.provider, 'openai-compatible');
  return caught;
}

describe('base URL: normalizeBaseUrl', () => {
  it('keeps scheme, host, port and path; drops trailing slashes, query and fragment', () => {
    assert.equal(normalizeBaseUrl('  https://api.example.com/v1/  ', 'x'), 'https://api.example.com/v1');
    assert.equal(normalizeBaseUrl('https://api.example.com/v1///', 'x'), 'https://api.example.com/v1');
    assert.equal(normalizeBaseUrl('https://api.example.com/', 'x'), 'https://api.example.com');
    assert.equal(normalizeBaseUrl('https://api.example.com/v1?key=abc#frag', 'x'), 'https://api.example.com/v1');
    assert.equal(normalizeBaseUrl('https://API.Example.COM:443/v1', 'x'), 'https://api.example.com/v1');
    assert.equal(normalizeBaseUrl('http://localhost:11434', 'x'), 'http://localhost:11434');
    assert.equal(normalizeBaseUrl('http://[::1]:1234/v1', 'x'), 'http://[::1]:1234/v1');
  });

  it('refuses a URL with a user name or password: the key belongs in the key field', () => {
    assert.match(refused('https://user:pass@api.example.com/v1').message, /key field/);
    refused('https://sk-abc@api.example.com');
    refused('http://127.0.0.1@evil.example.com');
  });

  it('never repeats credentials written into the host in its error message', () => {
    for (const input of ['user:hunter2-secret@api.example.com', 'ftp://user:hunter2-secret@api.example.com', 'https://user:hunter2-secret@exa mple.com:99999', 'api.example.com/v1?key=hunter2-secret', 'https://exa mple.com/?api_key=hunter2-secret']) {
      const e = refused(input);
      assert.ok(!e.message.includes('hunter2-secret') && !e.userMessage.includes('hunter2-secret'), e.message);
    }
  });

  it('refuses anything but http and https', () => {
    for (const input of ['ftp://api.example.com', 'file:///etc/passwd', 'ws://localhost:1234', 'javascript:alert(1)', 'data:text/plain,hi', 'api.example.com/v1', '//api.example.com']) {
      refused(input);
    }
  });

  it('refuses an empty or unparsable host', () => {
    refused('');
    refused('   ');
    refused('https://');
    refused('https://exa mple.com');
  });
});

describe('base URL: isInsecureRemote', () => {
  it('https is never insecure', () => {
    assert.equal(isInsecureRemote('https://api.example.com'), false);
    assert.equal(isInsecureRemote('https://localhost.evil.com'), false);
  });

  it('plain http to this machine is allowed without a question: IPv4, IPv6 and localhost', () => {
    for (const url of ['http://localhost:11434', 'http://LOCALHOST', 'http://127.0.0.1:8080', 'http://127.1.2.3', 'http://[::1]:1234', 'http://[0:0:0:0:0:0:0:1]', 'http://127.1', 'http://0x7f000001']) {
      assert.equal(isInsecureRemote(normalizeBaseUrl(url, 'x')), false, url);
    }
  });

  it('plain http to any other host needs a confirmation, including localhost look-alikes', () => {
    for (const url of [
      'http://api.example.com', 'http://localhost.evil.com', 'http://127.0.0.1.nip.io', 'http://localhost-evil.com',
      'http://evil.com#@127.0.0.1', 'http://[::ffff:8.8.8.8]', 'http://10.0.0.5', 'http://0.0.0.0', 'http://128.0.0.1',
      'http://evil.com\\@127.0.0.1',
    ]) {
      assert.equal(isInsecureRemote(url), true, url);
    }
  });

  it('only bare loopback names count as loopback', () => {
    assert.equal(isLoopbackHost('localhost'), true);
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    for (const h of ['localhost.evil.com', 'evil-localhost', '127.0.0.1.nip.io', '127.0.0.1evil', 'notlocalhost', '']) assert.equal(isLoopbackHost(h), false, h);
  });
});

describe('base URL: per-preset normalisation', () => {
  it('Anthropic: a host pasted with /v1 does not become /v1/v1/messages', () => {
    assert.equal(sdkBaseUrl('https://api.anthropic.com'), 'https://api.anthropic.com');
    assert.equal(sdkBaseUrl('https://gw.example.com/anthropic/v1'), 'https://gw.example.com/anthropic');
    assert.equal(sdkBaseUrl('https://gw.example.com/anthropic/v1/'), 'https://gw.example.com/anthropic');
  });

  it('Gemini: a host pasted with its API version keeps that version', () => {
    assert.deepEqual(splitBaseUrl('https://generativelanguage.googleapis.com'), { baseUrl: 'https://generativelanguage.googleapis.com', apiVersion: 'v1beta' });
    assert.deepEqual(splitBaseUrl('https://generativelanguage.googleapis.com/v1'), { baseUrl: 'https://generativelanguage.googleapis.com', apiVersion: 'v1' });
    assert.deepEqual(splitBaseUrl('https://gw.example.com/google/v1alpha/'), { baseUrl: 'https://gw.example.com/google', apiVersion: 'v1alpha' });
  });

  it('Azure: the resource endpoint, whether pasted with /openai or /openai/v1', () => {
    const azure = findPreset('azure')!;
    for (const url of ['https://r.openai.azure.com', 'https://r.openai.azure.com/openai', 'https://r.openai.azure.com/openai/v1']) {
      assert.equal(azureRoot(url), 'https://r.openai.azure.com');
      assert.equal(apiBaseUrl({ presetId: 'azure', baseUrl: url, apiKey: 'k' }, azure), 'https://r.openai.azure.com/openai');
    }
  });

  it('Ollama: its own API at the root, the OpenAI-compatible one under /v1', () => {
    const ollama = findPreset('ollama')!;
    assert.equal(ollamaRoot('http://localhost:11434/v1'), 'http://localhost:11434');
    for (const url of ['http://localhost:11434', 'http://localhost:11434/v1']) {
      assert.equal(apiBaseUrl({ presetId: 'ollama', baseUrl: url, apiKey: '' }, ollama), 'http://localhost:11434/v1');
    }
  });

  it('other presets use the host as given', () => {
    const openrouter = findPreset('openrouter')!;
    assert.equal(apiBaseUrl({ presetId: 'openrouter', baseUrl: 'https://openrouter.ai/api/v1', apiKey: 'k' }, openrouter), 'https://openrouter.ai/api/v1');
  });
});
