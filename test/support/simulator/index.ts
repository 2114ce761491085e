// The simulator with every wire format we speak. Formats are tried in order; the first match answers.
import { ProviderSimulator } from './server';
import type { WireFormat } from './types';
import { bedrockFormat } from './formats/bedrock';
import { anthropicFormat } from './formats/anthropic';
import { geminiFormat } from './formats/gemini';
import { azureFormat } from './formats/azure';
import { ollamaFormat } from './formats/ollama';
import { openaiFormat } from './formats/openai';
import { fimFormat } from './formats/fim';
import { litellmFormat } from './formats/litellm';
import { openRouterAuthFormat } from './formats/openrouter-auth';
import { demoFormat } from './demo/demo-format';

export const ALL_FORMATS: WireFormat[] = [
  // Each provider family adds its format here.
  openRouterAuthFormat, // OpenRouter's OAuth sign-in: GET /auth, POST …/api/v1/auth/keys
  demoFormat, // npm start -- --demo: everything under /demo/ (a working key, a wrong one, a busy model)
  anthropicFormat, geminiFormat, // before any generic /models matcher: …/anthropic/v1/*, …/v1beta/models*
  bedrockFormat, // POST …/model/{id}/converse(-stream), GET …/foundation-models
  fimFormat, // FIM: …/fim/completions, /beta/completions, …/completions, /api/generate, /infill
  litellmFormat, // GET …/litellm/…/model/info (a LiteLLM proxy's prices)
  azureFormat, ollamaFormat, openaiFormat, // /openai/deployments/*, /api/{tags,show}, then the generic …/chat/completions and …/models
];

export function createSimulator(models?: string[]): ProviderSimulator {
  return new ProviderSimulator({ formats: ALL_FORMATS, ...(models ? { models } : {}) });
}

export { ProviderSimulator } from './server';
export type { Fault, FaultKind, RecordedRequest, ScriptedReply } from './types';
