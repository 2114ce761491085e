// A LiteLLM proxy's GET /model/info (its chat and /models are OpenAI's): the simulator acts as one under
// …/litellm/…, so a key whose host is `<sim>/litellm/v1` sees a team gateway that reports its prices.
// Shape as LiteLLM returns it: USD per token, cache prices where the model has them, `null` where unknown.
import type { FaultKind, FormatContext, JsonResponse, WireFormat } from '../types';
import { openAIError } from './openai';

/** The gateway's price list: the first model has cache prices, the second none, the rest are unpriced. */
export const LITELLM_PRICES = [
  { input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001, cache_read_input_token_cost: 0.00000125, cache_creation_input_token_cost: 0.000003125 },
  { input_cost_per_token: 0.0000004, output_cost_per_token: 0.0000016 },
];

function modelInfo(ctx: FormatContext): JsonResponse {
  return {
    status: 200,
    json: {
      data: ctx.models.map((name, i) => ({
        model_name: name,
        litellm_params: { model: `openai/${name}`, api_base: 'https://upstream.example.com' },
        model_info: {
          id: `sim-deployment-${i}`, db_model: false, key: name, max_input_tokens: 128_000, max_output_tokens: 16_384, mode: 'chat', litellm_provider: 'openai',
          input_cost_per_token: null, output_cost_per_token: null, ...LITELLM_PRICES[i],
        },
      })),
    },
  };
}

export const litellmFormat: WireFormat = {
  name: 'litellm',
  matches: (method, path) => method === 'GET' && path.includes('/litellm/') && path.endsWith('/model/info'),
  respond: modelInfo,
  errorResponse(kind: FaultKind): JsonResponse {
    return kind === 'unauthorized'
      ? openAIError(401, 'Authentication Error, Invalid proxy server token passed.', 'auth_error', '401')
      : openAIError(500, `simulated ${kind}`, 'internal_server_error', '500');
  },
};
