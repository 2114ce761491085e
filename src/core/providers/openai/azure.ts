// Azure OpenAI: the user talks to deployments, which the data-plane API cannot list with a
// resource key, so the connection names them. The key is checked against GET /openai/models.
import type { Connection, ModelInfo } from '../types';
import { DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_OUTPUT } from './list-models';
import { isOpenAIReasoningModel } from './reasoning';

export function azureDeploymentModels(connection: Connection): ModelInfo[] {
  return (connection.azure?.deployments ?? []).filter(Boolean).map((deployment) => ({
    id: deployment,
    name: deployment,
    contextWindow: DEFAULT_CONTEXT_WINDOW,
    maxOutputTokens: DEFAULT_MAX_OUTPUT,
    vision: false,
    toolCalling: true,
    // Deployment names are free text; when they follow the model name this is right, else the curated merge corrects it.
    reasoning: isOpenAIReasoningModel(deployment),
    source: 'live' as const,
  }));
}
