// AWS SDK errors -> ProviderError. The SDK throws ServiceException subclasses named after the
// service's error type, with $metadata.httpStatusCode; errors sent inside the event stream
// (throttlingException, …) arrive as the same classes but without any HTTP status. The name is
// therefore the first fact we use, the status the second, and the network layer the last.
import { ProviderError, type ErrorKind } from '../../errors';
import { classifyHttpFailure, retryAfterMs, toProviderError } from '../classify';

interface AwsErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string> };
  $responseBodyText?: unknown;
}

const BY_NAME: Record<string, ErrorKind> = {
  UnrecognizedClientException: 'auth',
  InvalidSignatureException: 'auth',
  IncompleteSignatureException: 'auth',
  MissingAuthenticationTokenException: 'auth',
  ExpiredTokenException: 'auth',
  InvalidClientTokenId: 'auth',
  SignatureDoesNotMatch: 'auth',
  // "You don't have access to the model…": an IAM or model-access problem, fixed where keys are fixed.
  AccessDeniedException: 'auth',
  ThrottlingException: 'rate-limit',
  TooManyRequestsException: 'rate-limit',
  ServiceQuotaExceededException: 'quota',
  ResourceNotFoundException: 'model-not-found',
  InternalServerException: 'server',
  InternalFailure: 'server',
  ServiceUnavailableException: 'server',
  ModelNotReadyException: 'server',
  ModelErrorException: 'server',
  ModelStreamErrorException: 'server',
  ModelTimeoutException: 'timeout',
  ConflictException: 'bad-request',
};

// Bedrock says "Input is too long for requested model." and, per model, "prompt is too long",
// "too many input tokens", "max_tokens … exceeds …".
const CONTEXT = /too long|context (?:window|length)|too many (?:input )?tokens|max(?:imum)?[ _]tokens/i;
const MODEL = /model identifier is invalid|model.*(?:not found|does not exist|not supported|is not available)|invalid model/i;

/** Event-stream decoding failures thrown by the SDK's codec. */
const CORRUPT_FRAME = /checksum|Unrecognized header type|Unrecognizable event type|message length does not match|too short to accommodate/i;

export function mapBedrockError(e: unknown, provider: string, signal: AbortSignal | undefined, secrets: readonly string[]): ProviderError {
  if (e instanceof ProviderError) return e;
  if (signal?.aborted) return toProviderError(e, provider, signal, secrets);
  const err = (e ?? {}) as AwsErrorShape;
  const name = typeof err.name === 'string' ? err.name : '';
  const raw = typeof err.message === 'string' ? err.message : String(e);
  const message = scrub(raw, secrets);
  const status = err.$metadata?.httpStatusCode ?? err.$response?.statusCode;
  const headers = err.$response?.headers;
  const retryAfter = retryAfterMs(headers);

  let kind: ErrorKind | undefined = BY_NAME[name];
  if (name === 'ValidationException') kind = CONTEXT.test(raw) ? 'context-too-long' : MODEL.test(raw) ? 'model-not-found' : 'bad-request';
  if (kind) {
    return new ProviderError({
      kind, provider, message, code: name, cause: e,
      ...(status ? { status } : {}),
      ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
    });
  }
  if (status && status >= 300) {
    // An error type we do not know, or a body that was not AWS JSON at all (an HTML proxy page). The
    // SDK has consumed that body by now, so its content type has to tell the classifier what it was.
    const body = typeof err.$responseBodyText === 'string' ? err.$responseBodyText
      : unparsedBody(err, name) ? (/html/i.test(header(headers, 'content-type')) ? '<html></html>' : `HTTP ${status}: the body is not an AWS error`)
        : { message: raw, __type: name };
    return classifyHttpFailure({ provider, status, body, ...(headers ? { headers } : {}), secrets });
  }
  if (CORRUPT_FRAME.test(raw)) {
    return new ProviderError({ kind: 'unexpected-response', provider, message: `Corrupt event-stream frame: ${message}`, cause: e });
  }
  if (/Truncated event message/i.test(raw)) {
    // The connection ended inside a frame: a dropped connection, not a foreign server.
    return new ProviderError({ kind: 'network', provider, message: `The stream was cut off mid-event: ${message}`, cause: e });
  }
  return toProviderError(e, provider, signal, secrets);
}

/** The SDK's JSON parser failed on the error body (its message then adds a "Deserialization error" hint). */
function unparsedBody(err: AwsErrorShape, name: string): boolean {
  return name === 'SyntaxError' || (typeof err.message === 'string' && err.message.includes('Deserialization error'));
}

function header(headers: Record<string, string> | undefined, name: string): string {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  return key ? headers![key] ?? '' : '';
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}
