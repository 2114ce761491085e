// AWS Bedrock: the runtime's Converse / ConverseStream (event-stream frames) and the control plane's
// ListFoundationModels, served from one base URL (the adapter points both clients at it).
// Auth is not verified, only required to be present: requests carry either SigV4
// ("AWS4-HMAC-SHA256 Credential=<accessKeyId>/…") or a Bedrock API key ("Bearer <key>"), and the
// tests read the recorded Authorization header.
import { randomUUID } from 'node:crypto';
import {
  chunkText, type FaultKind, type FormatContext, type JsonResponse, type ScriptedReply, type StreamResponse, type WireFormat,
} from '../types';
import { corruptChecksum, eventFrame, exceptionFrame } from './aws-event-stream';

const RUNTIME_PATH = /(?:^|\/)model\/([^/]+)\/(converse-stream|converse)$/;
const LIST_PATH = /(?:^|\/)foundation-models$/;

interface Summary {
  modelId: string;
  providerName: string;
  inputModalities: string[];
  outputModalities: string[];
  inferenceTypesSupported: string[];
}

/**
 * Realistic rows beside the simulator's own models: a model that is reachable only through a
 * cross-region inference profile (the common case for current Claude models), an on-demand one,
 * and rows a chat picker must drop (embeddings, images, provisioned-only).
 */
const EXTRA_MODELS: Summary[] = [
  { modelId: 'anthropic.claude-sonnet-4-20250514-v1:0', providerName: 'Anthropic', inputModalities: ['TEXT', 'IMAGE'], outputModalities: ['TEXT'], inferenceTypesSupported: ['INFERENCE_PROFILE'] },
  { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', providerName: 'Anthropic', inputModalities: ['TEXT', 'IMAGE'], outputModalities: ['TEXT'], inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'] },
  { modelId: 'amazon.titan-embed-text-v2:0', providerName: 'Amazon', inputModalities: ['TEXT'], outputModalities: ['EMBEDDING'], inferenceTypesSupported: ['ON_DEMAND'] },
  { modelId: 'stability.sd3-5-large-v1:0', providerName: 'Stability AI', inputModalities: ['TEXT', 'IMAGE'], outputModalities: ['IMAGE'], inferenceTypesSupported: ['ON_DEMAND'] },
  { modelId: 'anthropic.claude-v2:1:200k', providerName: 'Anthropic', inputModalities: ['TEXT'], outputModalities: ['TEXT'], inferenceTypesSupported: ['PROVISIONED'] },
];

function summaries(ctx: FormatContext): Summary[] {
  const own = ctx.models.map((id) => ({ modelId: id, providerName: 'Simulator', inputModalities: ['TEXT'], outputModalities: ['TEXT'], inferenceTypesSupported: ['ON_DEMAND'] }));
  return [...own, ...EXTRA_MODELS];
}

/** A model id, an inference profile id (us.anthropic…) or an ARN ending in either is known. */
function knownModel(ctx: FormatContext, id: string): boolean {
  const bare = id.replace(/^arn:.*\//, '').replace(/^(us|eu|apac|us-gov|ca|jp|au|global)\./, '');
  return summaries(ctx).some((s) => s.modelId === bare && s.outputModalities.includes('TEXT'));
}

const PAD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** The real service pads every event with a random `p` field (against length side channels). */
function pad(): string {
  const n = 4 + Math.floor(Math.random() * 30);
  let s = '';
  for (let i = 0; i < n; i++) s += PAD[Math.floor(Math.random() * PAD.length)];
  return s;
}
const event = (type: string, payload: Record<string, unknown>): Buffer => eventFrame(type, { ...payload, p: pad() });

function stopReason(reply: ScriptedReply): string {
  switch (reply.finish) {
    case 'length': return 'max_tokens';
    case 'content-filter': return 'guardrail_intervened';
    case 'tool-calls': return 'tool_use';
    case 'stop': return 'end_turn';
    default: return reply.toolCalls?.length ? 'tool_use' : 'end_turn';
  }
}

/** Bedrock's inputTokens leaves out cache reads (Anthropic's convention); the script's input includes them. */
function usage(reply: ScriptedReply): Record<string, number> {
  const u = reply.usage ?? { input: 0, output: 0 };
  const cached = u.cached ?? 0;
  const written = u.cacheWrite ?? 0;
  return {
    inputTokens: u.input - cached - written,
    outputTokens: u.output,
    totalTokens: u.input + u.output,
    ...(cached || written ? { cacheReadInputTokens: cached, cacheWriteInputTokens: written } : {}),
  };
}

function streamResponse(reply: ScriptedReply): StreamResponse {
  const n = reply.chunkChars ?? 8;
  const frames: Buffer[] = [event('messageStart', { role: 'assistant' })];
  let index = 0;
  if (reply.reasoning) {
    for (const piece of chunkText(reply.reasoning, n)) {
      frames.push(event('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { text: piece } } }));
    }
    frames.push(event('contentBlockDelta', { contentBlockIndex: index, delta: { reasoningContent: { signature: 'c2ltLXNpZ25hdHVyZQ==' } } }));
    frames.push(event('contentBlockStop', { contentBlockIndex: index++ }));
  }
  if (reply.text) {
    for (const piece of chunkText(reply.text, n)) {
      frames.push(event('contentBlockDelta', { contentBlockIndex: index, delta: { text: piece } }));
    }
    frames.push(event('contentBlockStop', { contentBlockIndex: index++ }));
  }
  for (const call of reply.toolCalls ?? []) {
    frames.push(event('contentBlockStart', { contentBlockIndex: index, start: { toolUse: { toolUseId: call.id, name: call.name } } }));
    for (const piece of chunkText(call.argumentsJson, n)) {
      frames.push(event('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input: piece } } }));
    }
    frames.push(event('contentBlockStop', { contentBlockIndex: index++ }));
  }
  frames.push(event('messageStop', { stopReason: stopReason(reply) }));
  frames.push(event('metadata', { usage: usage(reply), metrics: { latencyMs: 42 } }));
  return {
    headers: { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': randomUUID() },
    frames,
    terminalFrames: 2,
    malformedFrame: corruptChecksum(event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'corrupted' } })),
    errorFrame: exceptionFrame('modelStreamErrorException', {
      message: 'Received a model stream error from the model: the stream was interrupted.',
      originalStatusCode: 500,
      originalMessage: 'Internal server error',
    }),
  };
}

function converseResponse(reply: ScriptedReply): JsonResponse {
  const content: Record<string, unknown>[] = [];
  if (reply.reasoning) content.push({ reasoningContent: { reasoningText: { text: reply.reasoning, signature: 'c2ltLXNpZ25hdHVyZQ==' } } });
  if (reply.text) content.push({ text: reply.text });
  for (const call of reply.toolCalls ?? []) {
    content.push({ toolUse: { toolUseId: call.id, name: call.name, input: JSON.parse(call.argumentsJson || '{}') as unknown } });
  }
  return {
    status: 200,
    headers: { 'x-amzn-requestid': randomUUID() },
    json: { output: { message: { role: 'assistant', content } }, stopReason: stopReason(reply), usage: usage(reply), metrics: { latencyMs: 42 } },
  };
}

/** AWS JSON errors: the type travels in x-amzn-errortype (with a namespace suffix the SDK strips). */
function awsError(status: number, type: string, message: string, extra: Record<string, string> = {}): JsonResponse {
  return {
    status,
    headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, 'x-amzn-requestid': randomUUID(), ...extra },
    json: { message },
  };
}

export const bedrockFormat: WireFormat = {
  name: 'bedrock',

  matches(method, path) {
    return (method === 'POST' && RUNTIME_PATH.test(path)) || (method === 'GET' && LIST_PATH.test(path));
  },

  respond(ctx) {
    if (!ctx.req.headers.authorization) return awsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    if (LIST_PATH.test(ctx.path)) {
      const modality = ctx.query.byOutputModality;
      const rows = summaries(ctx)
        .filter((s) => !modality || s.outputModalities.includes(modality))
        .map((s) => ({
          modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${s.modelId}`,
          modelId: s.modelId,
          modelName: s.modelId,
          providerName: s.providerName,
          inputModalities: s.inputModalities,
          outputModalities: s.outputModalities,
          responseStreamingSupported: true,
          customizationsSupported: [],
          inferenceTypesSupported: s.inferenceTypesSupported,
          modelLifecycle: { status: 'ACTIVE' },
        }));
      return { status: 200, json: { modelSummaries: rows } };
    }
    const [, rawId = '', op] = RUNTIME_PATH.exec(ctx.path) ?? [];
    const modelId = decodeURIComponent(rawId);
    if (!knownModel(ctx, modelId)) {
      return awsError(404, 'ResourceNotFoundException', 'Could not resolve the foundation model from the provided model identifier.');
    }
    return op === 'converse' ? converseResponse(ctx.reply) : streamResponse(ctx.reply);
  },

  errorResponse(kind: FaultKind, _ctx, retryAfterSec) {
    switch (kind) {
      case 'unauthorized': return awsError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
      case 'forbidden': return awsError(403, 'AccessDeniedException', "You don't have access to the model with the specified model ID.");
      case 'quota': return awsError(400, 'ServiceQuotaExceededException', 'Your request exceeds the service quota for your account. You can view your quotas at https://console.aws.amazon.com/servicequotas/home.');
      case 'not-found': return awsError(404, 'ResourceNotFoundException', 'Could not resolve the foundation model from the provided model identifier.');
      case 'rate-limit': return awsError(429, 'ThrottlingException', 'Too many requests, please wait before trying again.', { 'retry-after': String(retryAfterSec) });
      case 'server-error': return awsError(500, 'InternalServerException', 'The server encountered an internal error while processing the request.');
      case 'unavailable': return awsError(503, 'ServiceUnavailableException', 'The service is temporarily unable to handle the request.');
      // Bedrock has no 529: an overloaded model answers 503 ServiceUnavailableException.
      case 'overloaded': return awsError(503, 'ServiceUnavailableException', 'Bedrock is unable to process your request: the model is overloaded.');
      case 'context-too-long': return awsError(400, 'ValidationException', 'Input is too long for requested model.');
      default: return awsError(400, 'ValidationException', 'Malformed input request: #/temperature: expected maximum: 1, found: 7, please reformat your input and try again.');
    }
  },
};
