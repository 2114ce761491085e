// Tool-call ids travel between providers when a conversation moves from one model to another (the chat's
// model switch, an LM API caller's history), and each family has its own rule for them: Anthropic and
// Bedrock take only letters, digits, _ and - (Bedrock at most 64 of them), OpenAI at most 40 characters.
// Kimi's ids ("functions.get_weather:0") or a long id from another host would be a 400 there. An id that
// breaks a family's rule is rewritten the same way wherever it appears, the call and its result, so the
// pair still matches; an id that fits is sent as it is.

export interface ToolIdRule {
  /** Characters the family refuses, or undefined when it takes any. */
  refused?: RegExp;
  maxLength: number;
}

export const ANTHROPIC_TOOL_IDS: ToolIdRule = { refused: /[^a-zA-Z0-9_-]/g, maxLength: 64 };
export const BEDROCK_TOOL_IDS: ToolIdRule = { refused: /[^a-zA-Z0-9_-]/g, maxLength: 64 };
export const OPENAI_TOOL_IDS: ToolIdRule = { maxLength: 40 };

/** FNV-1a, 32 bits, as 8 hex digits: two ids that clean up alike still differ. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function wireToolId(id: string, rule: ToolIdRule): string {
  const cleaned = rule.refused ? id.replace(rule.refused, '_') : id;
  if (cleaned === id && id.length > 0 && id.length <= rule.maxLength) return id;
  const tail = `_${fingerprint(id)}`;
  return `${(cleaned || 'call').slice(0, rule.maxLength - tail.length)}${tail}`;
}
