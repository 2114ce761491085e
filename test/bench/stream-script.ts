// The long answer the stream benches send: 80,000 code points of mixed ASCII and multi-byte text in
// 4-character deltas (20,000 SSE chunks), so UTF-8 decoding across piece boundaries is part of the work.
export const TOTAL_CHARS = 80_000;
export const CHUNK_CHARS = 4;

export function scriptedText(chars = TOTAL_CHARS): string {
  const unit = Array.from('Streaming tokens, ünïcødé ✓ and 🚀 — ');
  const out: string[] = [];
  while (out.length < chars) out.push(unit[out.length % unit.length]!);
  return out.join('');
}
