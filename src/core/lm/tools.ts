// Tools another extension offers the model. Checked here because every provider refuses a bad name or
// a non-object schema with a 400 that would not say which tool was at fault.
import type { ToolDefinition } from '../providers/types';
import { describeValue, LmApiError } from './errors';

/** What OpenAI, Anthropic, Gemini and Bedrock all accept as a function name. */
export const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const EMPTY_SCHEMA = { type: 'object', properties: {} };

export interface OfferedTool {
  name: unknown;
  description: unknown;
  inputSchema?: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateTools(tools: readonly OfferedTool[] | undefined, required: boolean): ToolDefinition[] | undefined {
  if (!tools?.length) {
    if (required) throw new LmApiError('the request requires a tool call but offers no tools.');
    return undefined;
  }
  const seen = new Set<string>();
  return tools.map((tool) => {
    const name = typeof tool.name === 'string' ? tool.name : '';
    if (!TOOL_NAME.test(name)) {
      throw new LmApiError(`tool name ${typeof tool.name === 'string' ? JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name) : describeValue(tool.name)} is not accepted by providers: use 1 to 64 letters, digits, _ or -.`);
    }
    if (seen.has(name)) throw new LmApiError(`two tools are named "${name}": tool names must be unique.`);
    seen.add(name);
    const schema = tool.inputSchema === undefined ? EMPTY_SCHEMA : tool.inputSchema;
    if (!isPlainObject(schema)) throw new LmApiError(`the input schema of tool "${name}" must be a JSON object, got ${describeValue(schema)}.`);
    if (schema.type !== undefined && schema.type !== 'object') {
      throw new LmApiError(`the input schema of tool "${name}" must describe an object (type "object"), got type ${JSON.stringify(schema.type)}.`);
    }
    return { name, description: typeof tool.description === 'string' ? tool.description : '', inputSchema: schema };
  });
}
