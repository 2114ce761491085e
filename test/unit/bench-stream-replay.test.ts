// The stream-overhead bench's fairness: both contenders read the very same bytes from the replay,
// frame by frame as the simulator writes them, get the whole answer, and take turns in one round.
import assert from 'node:assert/strict';
import { captureStream, replayFetch } from '../bench/sse-replay';
import { bareSdk, ourAdapter, requestBody } from '../bench/stream-contenders';
import { scriptedText } from '../bench/stream-script';
import { takeTurns } from '../bench/take-turns';
import { createSimulator } from '../support/simulator';

describe('bench: stream replay', () => {
  const sim = createSimulator();
  const text = scriptedText(2_000);
  let baseURL = '';
  before(async () => {
    baseURL = `${await sim.start()}/v1`;
    sim.setReply({ text, chunkChars: 4, usage: { input: 20, output: 500 } });
  });
  after(async () => { await sim.stop(); });

  it('keeps the captured bytes in the simulator\'s own pieces: one SSE frame each, cut inside its first multi-byte character', async () => {
    const captured = await captureStream(`${baseURL}/chat/completions`, requestBody());
    const whole = Buffer.concat(captured.pieces);
    assert.equal(whole.length, captured.bytes);
    const frames = whole.toString('utf8').split('\n\n').filter(Boolean);
    assert.ok(frames.length > 500, `${frames.length} frames`);
    assert.ok(captured.pieces.length > frames.length, 'frames with multi-byte text are cut in two');
    // No piece spans two frames.
    for (const piece of captured.pieces) {
      const end = Buffer.from(piece).toString('latin1').indexOf('\n\n');
      assert.ok(end === -1 || end === piece.length - 2, 'a frame end only at the end of a piece');
    }
    // Replayed twice: the same bytes both times (each round reads a fresh body).
    const replay = replayFetch(captured);
    const a = Buffer.from(await (await replay('x')).arrayBuffer());
    const b = Buffer.from(await (await replay('x')).arrayBuffer());
    assert.ok(a.equals(whole) && b.equals(whole));
  });

  it('gives the bare SDK and the adapter the whole answer from the same replay, taking turns', async () => {
    const replay = replayFetch(await captureStream(`${baseURL}/chat/completions`, requestBody()));
    const requestsBefore = sim.requests.length;
    const r = await takeTurns(bareSdk(baseURL, replay), ourAdapter(baseURL, replay), 50, false, 7);
    assert.equal(r.aChars, text.length);
    assert.equal(r.bChars, text.length);
    assert.ok(r.aMs > 0 && r.bMs > 0);
    // Nothing went to the network: the round is the client's work alone.
    assert.equal(sim.requests.length, requestsBefore);
  });
});
