// The simulator's SSE bytes for one answer, captured once and replayed from memory: every round of
// both contenders then reads the very same bytes in the very same pieces, with no socket, no second
// process and no scheduler deciding how many frames one read gets (which varied the work per round
// by up to 2x; see stream-noise.ts). The pieces are the simulator's own writes: one SSE frame each,
// cut inside its first multi-byte character, as a real provider streaming token by token sends them.
import { splitInsideMultibyte } from '../support/simulator/server';

export interface CapturedStream {
  status: number;
  headers: [string, string][];
  /** The body in the pieces one read returns. */
  pieces: Uint8Array[];
  bytes: number;
}

const FRAME_END = Buffer.from('\n\n');

/** Fetches one streamed answer and keeps its bytes, cut into frames as the simulator writes them. */
export async function captureStream(url: string, body: unknown, headers: Record<string, string> = {}): Promise<CapturedStream> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const all = Buffer.from(await res.arrayBuffer());
  const pieces: Uint8Array[] = [];
  for (let start = 0; start < all.length;) {
    const end = all.indexOf(FRAME_END, start);
    const stop = end < 0 ? all.length : end + FRAME_END.length;
    // Copies, so no piece shares (or keeps alive) the big capture buffer.
    for (const part of splitInsideMultibyte(all.subarray(start, stop))) pieces.push(new Uint8Array(part));
    start = stop;
  }
  return { status: res.status, headers: [...res.headers], pieces, bytes: all.length };
}

/**
 * A fetch that answers every request with the captured stream. Each read returns the next piece at
 * once (a resolved promise), so a round's work is the client's alone and the same in every round.
 */
export function replayFetch(captured: CapturedStream): typeof fetch {
  const replay = (): Promise<Response> => {
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i < captured.pieces.length) controller.enqueue(captured.pieces[i++]!);
        else controller.close();
      },
    });
    return Promise.resolve(new Response(body, { status: captured.status, headers: captured.headers }));
  };
  return replay;
}
