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
}

export interface ToolExchange {
  /** Names of the declared tools, in order. */
  tools: string[];
  /** The tool choice as it went on the wire (undefined when the request sent none). */
  toolChoice?: unknown;
  /** Tool results in the request's last turn. */
  results: WireToolResult[];
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

function openai(body: Json): ToolExchange {
  const messages = arr(body.messages).map(obj);
  // The last turn's results: the tool messages after the last non-tool message.
  const results: WireToolResult[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i]?.role === 'tool'; i--) {
    const m = messages[i]!;
    const id = str(m.tool_call_id);
    if (id) results.unshift({ id, text: textOf(m.content) });
  }
  return {
    tools: arr(body.tools).map((t) => str(obj(obj(t)?.function)?.name) ?? ''),
    ...(body.tool_choice !== undefined ? { toolChoice: body.tool_choice } : {}),
    results,
  };
}

function anthropic(body: Json): ToolExchange {
  const last = obj(arr(body.messages).at(-1));
  const results = last?.role === 'user'
    ? arr(last.content).map(obj).filter((b) => b?.type === 'tool_result' && str(b.tool_use_id))
      .map((b) => ({ id: str(b!.tool_use_id)!, text: textOf(b!.content), ...(b!.is_error === true ? { isError: true } : {}) }))
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
  return {
    tools: arr(body.tools).flatMap((t) => arr(obj(t)?.functionDeclarations).map((d) => str(obj(d)?.name) ?? '')),
    ...(mode !== undefined ? { toolChoice: mode } : {}),
    results,
  };
}

function bedrock(body: Json): ToolExchange {
  const last = obj(arr(body.messages).at(-1));
  const results = last?.role === 'user'
    ? arr(last.content).map((b) => obj(obj(b)?.toolResult)).filter((r) => r && str(r.toolUseId))
      .map((r) => ({ id: str(r!.toolUseId)!, text: textOf(r!.content), ...(r!.status === 'error' ? { isError: true } : {}) }))
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
