// Stream helpers shared by the provider tests: collect a stream's parts (and its ProviderError), and a
// redirecting host to prove a key never follows a redirect.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProviderError } from '../../../src/core/errors';
import type { StreamPart } from '../../../src/core/providers/types';

export interface Collected {
  parts: StreamPart[];
  text: string;
  reasoning: string;
  error?: ProviderError;
}

export async function collect(stream: AsyncIterable<StreamPart>, onPart?: (p: StreamPart) => void): Promise<Collected> {
  const out: Collected = { parts: [], text: '', reasoning: '' };
  try {
    for await (const p of stream) {
      out.parts.push(p);
      if (p.type === 'text') out.text += p.delta;
      if (p.type === 'reasoning') out.reasoning += p.delta;
      onPart?.(p);
    }
  } catch (e) {
    if (!(e instanceof ProviderError)) throw new Error(`stream threw a non-ProviderError: ${String(e)}`, { cause: e });
    out.error = e;
  }
  return out;
}

/** A host on another origin that redirects everything to `target` (to prove the key does not follow). */
export async function startRedirector(target: string): Promise<{ url: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(307, { location: `${target}${req.url ?? '/'}` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
