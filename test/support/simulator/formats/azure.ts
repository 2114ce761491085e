// Azure OpenAI: POST /openai/deployments/{deployment}/chat/completions?api-version=…, the key in
// the `api-key` header, and Azure's own error bodies ({"error":{"code":"401","message":…}}).
// Streams start with a chunk that has choices: [] and prompt_filter_results, and every choice
// carries content_filter_results. GET /openai/models lists base models (not deployments).
import type { FaultKind, FormatContext, JsonResponse, WireFormat } from '../types';
import { completionJson, openAIError, streamFrames } from './openai';

const CHAT = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;

const azureError = (status: number, code: string, message: string, headers?: Record<string, string>): JsonResponse =>
  ({ status, ...(headers ? { headers } : {}), json: { error: { code, message } } });

function deploymentOf(ctx: FormatContext): string {
  return decodeURIComponent(CHAT.exec(ctx.path)?.[1] ?? '');
}

export const azureFormat: WireFormat = {
  name: 'azure',
  matches(method, path) {
    return (method === 'POST' && CHAT.test(path)) || (method === 'GET' && path === '/openai/models');
  },
  respond(ctx) {
    // Without an api-version Azure does not find the route at all.
    if (!ctx.query['api-version']) return azureError(404, '404', 'Resource not found');
    if (!ctx.req.headers['api-key'] && !ctx.req.headers.authorization) {
      return azureError(401, '401', 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.');
    }
    if (ctx.req.method === 'GET') {
      return {
        status: 200,
        json: {
          object: 'list',
          data: ['gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18', 'text-embedding-3-small'].map((id) => ({
            id, object: 'model', status: 'succeeded', created_at: 1_723_000_000, lifecycle_status: 'generally-available',
            capabilities: { chat_completion: !id.startsWith('text-'), completion: false, embeddings: id.startsWith('text-'), fine_tune: false, inference: true },
          })),
        },
      };
    }
    const deployment = deploymentOf(ctx);
    if (!ctx.models.includes(deployment)) {
      return azureError(404, 'DeploymentNotFound', 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.');
    }
    const body = ctx.body as { stream?: boolean } | undefined;
    // Azure reports the underlying model, not the deployment name.
    return body?.stream === true ? streamFrames(ctx, 'gpt-4o-2024-08-06', { azure: true }) : completionJson(ctx, 'gpt-4o-2024-08-06');
  },
  errorResponse(kind: FaultKind, ctx, retryAfterSec): JsonResponse {
    const version = ctx.query['api-version'] ?? '2024-10-21';
    switch (kind) {
      case 'unauthorized':
        return azureError(401, '401', 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.');
      case 'forbidden':
        return azureError(403, '403', 'Access denied due to Virtual Network/Firewall rules.');
      case 'quota':
        return openAIError(429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota');
      case 'not-found':
        return azureError(404, 'DeploymentNotFound', 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.');
      case 'rate-limit':
        return azureError(429, '429', `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version ${version} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${retryAfterSec} second. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
          { 'retry-after': String(retryAfterSec), 'retry-after-ms': String(retryAfterSec * 1000), 'x-ratelimit-remaining-requests': '0' });
      case 'server-error':
        return azureError(500, 'InternalServerError', 'The service is temporarily unable to process your request. Please try again later.');
      case 'unavailable':
      case 'overloaded':
        return azureError(503, 'ServiceUnavailable', 'The service is temporarily unavailable. Please try again later.');
      case 'context-too-long':
        return openAIError(400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.", 'invalid_request_error', 'context_length_exceeded', 'messages');
      default:
        return azureError(400, 'BadRequest', `Unsupported value for api-version: ${version}.`);
    }
  },
};
