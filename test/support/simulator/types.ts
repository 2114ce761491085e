// The simulator's plug-in contract: one WireFormat per provider API.
import type { IncomingMessage } from 'node:http';
import type { ToolExchange } from './tool-exchange';

export interface RecordedRequest {
  id: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
  format: string;
  /** A fill-in-the-middle request's prefix and suffix, whatever the route calls them. */
  fim?: { prefix: string; suffix: string };
  /** True when the client closed the connection before the response ended (cancellation). */
  closedEarly: boolean;
  /** A chat request's tools, tool choice and last-turn tool results, read from its family's wire shape (tool-exchange.ts). */
  toolExchange?: ToolExchange;
}

/** What the next answers say. Formats turn it into their own wire shape. */
export interface ScriptedReply {
  text: string;
  reasoning?: string;
  toolCalls?: { id: string; name: string; argumentsJson: string }[];
  finish?: 'stop' | 'length' | 'content-filter' | 'tool-calls';
  /**
   * Totals as a user would state them: `input` is every input token (cache reads and writes included),
   * `output` every output token (reasoning included). Each format splits them the way its provider reports.
   */
  usage?: {
    input: number; output: number; cached?: number; reasoning?: number;
    /** Tokens written to the prompt cache, of which `cacheWrite1h` with a 1-hour lifetime (Anthropic, Bedrock, OpenRouter). */
    cacheWrite?: number; cacheWrite1h?: number;
    /** What the provider says it charged (OpenRouter's usage.cost). */
    cost?: number;
  };
  /**
   * The answer to a request whose last turn carries tool results (what a model says after reading a
   * tool's output); without it, every request gets this reply.
   */
  afterToolResult?: Omit<ScriptedReply, 'afterToolResult'>;
  /** Characters per streamed delta (default 8). */
  chunkChars?: number;
  /** Delay between frames in ms (default 0). */
  frameDelayMs?: number;
}

export type FaultKind =
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'quota' // the provider's own "out of money" (402, or OpenAI's 429 insufficient_quota)
  | 'not-found' // 404 model not found
  | 'rate-limit' // 429 with Retry-After
  | 'server-error' // 500
  | 'unavailable' // 503
  | 'overloaded' // 529 (Anthropic)
  | 'context-too-long' // 400 with the provider's context message
  | 'bad-request' // 400 generic
  | 'html-proxy' // 502 HTML page from a proxy
  | 'reset-mid-stream' // connection reset after some frames
  | 'stall' // headers and one frame, then nothing
  | 'malformed-chunk' // a frame that is not valid JSON
  | 'no-finish' // the stream ends without its terminal events
  | 'stream-error'; // the format's in-stream error event (Anthropic `error`, etc.)

export interface Fault {
  kind: FaultKind;
  /** Only requests whose path contains this. */
  pathIncludes?: string;
  /** How many matching requests get the fault (default 1; 0 = forever). */
  times?: number;
  /** Seconds for Retry-After on rate-limit (default 1). */
  retryAfterSec?: number;
}

export interface JsonResponse { status: number; headers?: Record<string, string>; json: unknown }

export interface StreamResponse {
  status?: number;
  headers: Record<string, string>;
  /** Frames written in order, each as its own network write (strings are UTF-8 encoded). */
  frames: (string | Buffer)[];
  /** How many frames at the end are the terminal ones (dropped by the no-finish fault). */
  terminalFrames: number;
  /** A frame the format's parser cannot read, for the malformed-chunk fault. */
  malformedFrame: string | Buffer;
  /** The in-stream error frame for the stream-error fault. */
  errorFrame?: string | Buffer;
  /** This answer's own pace (the demo's models), over the scripted reply's frameDelayMs. */
  frameDelayMs?: number;
}

export interface FormatContext {
  req: IncomingMessage;
  path: string;
  query: Record<string, string>;
  body: unknown;
  reply: ScriptedReply;
  /** Models this simulator lists. */
  models: string[];
}

export interface WireFormat {
  name: string;
  /** Claims a request by method and path. The first match wins. */
  matches(method: string, path: string, query: Record<string, string>): boolean;
  /** Answers a request that carries no fault. */
  respond(ctx: FormatContext): JsonResponse | StreamResponse;
  /** The provider's own error response for an HTTP-status fault. */
  errorResponse(kind: FaultKind, ctx: FormatContext, retryAfterSec: number): JsonResponse;
}

export function isStream(r: JsonResponse | StreamResponse): r is StreamResponse {
  return Array.isArray((r as StreamResponse).frames);
}

/** Splits text into deltas of n characters (by code point, so no surrogate pair is cut). */
export function chunkText(text: string, n: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += n) out.push(chars.slice(i, i + n).join(''));
  return out;
}
