// AWS event-stream framing (application/vnd.amazon.eventstream), as Bedrock's ConverseStream sends it.
// A message is: total length (u32), headers length (u32), CRC32 of those 8 bytes, headers, payload,
// CRC32 of everything before it. Headers here are all strings (type 7): name length (u8), name,
// 7, value length (u16), value. All integers are big-endian.
import { crc32 } from 'node:zlib';

export function encodeEventStreamMessage(headers: Record<string, string>, payload: Buffer | string): Buffer {
  const headerBytes = Buffer.concat(Object.entries(headers).map(([name, value]) => {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(value, 'utf8');
    const head = Buffer.alloc(1 + n.length + 3);
    head.writeUInt8(n.length, 0);
    n.copy(head, 1);
    head.writeUInt8(7, 1 + n.length);
    head.writeUInt16BE(v.length, 2 + n.length);
    return Buffer.concat([head, v]);
  }));
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const total = 12 + headerBytes.length + body.length + 4;
  const out = Buffer.alloc(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(headerBytes.length, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  headerBytes.copy(out, 12);
  body.copy(out, 12 + headerBytes.length);
  out.writeUInt32BE(crc32(out.subarray(0, total - 4)), total - 4);
  return out;
}

/** An `event` message: what ConverseStream sends for messageStart, contentBlockDelta, metadata, … */
export function eventFrame(eventType: string, payload: unknown): Buffer {
  return encodeEventStreamMessage(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    JSON.stringify(payload),
  );
}

/** An `exception` message: an error the service reports after the HTTP 200 (throttlingException, …). */
export function exceptionFrame(exceptionType: string, payload: unknown): Buffer {
  return encodeEventStreamMessage(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    JSON.stringify(payload),
  );
}

/** Flips bits in the message CRC so the client's decoder must reject the frame. */
export function corruptChecksum(frame: Buffer): Buffer {
  const bad = Buffer.from(frame);
  const at = bad.length - 4;
  bad.writeUInt32BE((bad.readUInt32BE(at) ^ 0xdeadbeef) >>> 0, at);
  return bad;
}
