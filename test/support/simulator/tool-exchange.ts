// What a chat request says about tools, read from each family's own wire shape: the tools it declares,
// the tool choice exactly as sent, and the tool results in its last turn. A result counts only in its
// family's shape (OpenAI: a `tool` message with tool_call_id; Anthropic: a tool_result block with
// tool_use_id; Gemini: a functionResponse with the function's name; Bedrock: a toolResult block with
// toolUseId), so a test that finds one here has proved the shape. The server answers a request whose
// last turn carries results with the script's `afterToolResult`, as a model answers a tool's output.

export interface WireToolResult {
  /** The call id the result answers (Gemini's may be absent: it matches results by name). */
  id?: string;
  /** The function name (Gemini only: the other families identify a result by id alone). */
  name?: string;
  text: string;
  isError?: boolean;
  /** Images inside the result itself (Anthropic, Bedrock), as "mime/type:decoded bytes". */
  images?: string[];
}

export interface ToolExchange {
  /** Names of the declared tools, in order. */
  tools: string[];
  /** The tool choice as it went on the wire (undefined when the request sent none). */
  toolChoice?: unknown;
  /** Tool results in the request's last turn. */
  results: WireToolResult[];
  /**
   * Images sent beside the results rather than inside them, with the text line before each (OpenAI: a user
   * message after the tool messages; Gemini: inlineData parts after the functionResponses), as "label|mime:bytes".
   */
  besideResults?: string[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v as Json : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Text of a content value that is a string or an array of `{ text }` blocks. */
function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  return arr(v).map((b) => str(obj(b)?.text) ?? '').join('');
}

const b64Bytes = (data: string): number => Buffer.from(data, 'base64').length;

/** Images in a list of content blocks/parts, each with the text that came right before it. */
function labelledImages(blocks: (Json | undefined)[], image: (b: Json) => string | undefined): string[] {
  const out: string[] = [];
  let label = '';
  for (const b of blocks) {
    if (!b) continue;
    const found = image(b);
    if (found) out.push(`${label}|${found}`);
    else if (typeof b.text === 'string') label = b.text;
  }
  return out;
}

function openai(body: Json): ToolExchange {
  const messages = arr(body.messages).map(obj);
  // Tool messages take only text: images a tool returned come in one user message right after them.
  let lastTool = messages.length - 1;
  let besideResults: string[] | undefined;
  const trailing = messages.at(-1);
  if (trailing?.role === 'user' && messages.at(-2)?.role === 'tool' && Array.isArray(trailing.content)) {
    besideResults = labelledImages(arr(trailing.content).map(obj), (b) => {
      const url = str(obj(b.image_url)?.url);
      const m = url ? /^data:([^;]+);base64,(.*)$/.exec(url) : null;
      return m ? `${m[1]}:${b64Bytes(m[2]!)}` : undefined;
    });
    lastTool--;
  }
  // The last turn's results: the tool messages after the last non-tool message.
  const results: WireToolResult[] = [];
  for (let i = lastTool; i >= 0 && messages[i]?.role === 'tool'; i--) {
    const m = messages[i]!;
    const id = str(m.tool_call_id);
    if (id) results.unshift({ id, text: textOf(m.content) });
  }
  return {
    tools: arr(body.tools).map((t) => str(obj(obj(t)?.function)?.name) ?? ''),
    ...(body.tool_choice !== undefined ? { toolChoice: body.tool_choice } : {}),
    results,
    ...(besideResults ? { besideResults } : {}),
  };
}

function anthropic(body: Json): ToolExchange {
  const last = obj(arr(body.messages).at(-1));
  const results = last?.role === 'user'
    ? arr(last.content).map(obj).filter((b) => b?.type === 'tool_result' && str(b.tool_use_id))
      .map((b) => {
        const images = arr(b!.content).map((c) => obj(obj(c)?.source)).filter((src) => src?.type === 'base64')
          .map((src) => `${str(src!.media_type)}:${b64Bytes(str(src!.data) ?? '')}`);
        return { id: str(b!.tool_use_id)!, text: textOf(b!.content), ...(b!.is_error === true ? { isError: true } : {}), ...(images.length ? { images } : {}) };
      })
    : [];
  return {
    tools: arr(body.tools).map((t) => str(obj(t)?.name) ?? ''),
    ...(body.tool_choice !== undefined ? { toolChoice: body.tool_choice } : {}),
    results,
  };
}

function gemini(body: Json): ToolExchange {
  const last = obj(arr(body.contents).at(-1));
  const results = last?.role === 'user'
    ? arr(last.parts).map((p) => obj(obj(p)?.functionResponse)).filter((r) => r && str(r.name))
      .map((r) => {
        const response = obj(r!.response) ?? {};
        const id = str(r!.id);
        return { ...(id ? { id } : {}), name: str(r!.name)!, text: str(response.output) ?? str(response.error) ?? JSON.stringify(response), ...('error' in response ? { isError: true } : {}) };
      })
    : [];
  const mode = obj(obj(body.toolConfig)?.functionCallingConfig)?.mode;
  const besideResults = last?.role === 'user' && results.length
    ? labelledImages(arr(last.parts).map(obj), (p) => {
      const inline = obj(p.inlineData);
      return inline ? `${str(inline.mimeType)}:${b64Bytes(str(inline.data) ?? '')}` : undefined;
    })
    : [];
  return {
    tools: arr(body.tools).flatMap((t) => arr(obj(t)?.functionDeclarations).map((d) => str(obj(d)?.name) ?? '')),
    ...(mode !== undefined ? { toolChoice: mode } : {}),
    results,
    ...(besideResults.length ? { besideResults } : {}),
  };
}

function bedrock(body: Json): ToolExchange {
  const last = obj(arr(body.messages).at(-1));
  const results = last?.role === 'user'
    ? arr(last.content).map((b) => obj(obj(b)?.toolResult)).filter((r) => r && str(r.toolUseId))
      .map((r) => {
        // The SDK sends image bytes as base64 on the wire.
        const images = arr(r!.content).map((c) => obj(obj(c)?.image)).filter(Boolean)
          .map((img) => `image/${str(img!.format)}:${b64Bytes(str(obj(img!.source)?.bytes) ?? '')}`);
        return { id: str(r!.toolUseId)!, text: textOf(r!.content), ...(r!.status === 'error' ? { isError: true } : {}), ...(images.length ? { images } : {}) };
      })
    : [];
  const config = obj(body.toolConfig);
  return {
    tools: arr(config?.tools).map((t) => str(obj(obj(t)?.toolSpec)?.name) ?? ''),
    ...(config?.toolChoice !== undefined ? { toolChoice: config.toolChoice } : {}),
    results,
  };
}

const READERS: Readonly<Record<string, (body: Json) => ToolExchange>> = {
  openai, azure: openai, anthropic, gemini, bedrock,
};

/** The tool side of a chat request in a format we read, or undefined (listings, FIM, other formats). */
export function readToolExchange(format: string, body: unknown): ToolExchange | undefined {
  const reader = READERS[format];
  const json = obj(body);
  if (!reader || !json) return undefined;
  const exchange = reader(json);
  return exchange.tools.length || exchange.results.length || exchange.toolChoice !== undefined ? exchange : undefined;
}
