// One error type for every provider failure, so the UI can say what happened and what to do next.

export type ErrorKind =
  | 'auth'
  | 'quota'
  | 'rate-limit'
  | 'model-not-found'
  | 'context-too-long'
  | 'bad-request'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'unexpected-response'
  /** Refused by the organization's policy (byok.allowedModels / byok.enabledProviders): nothing was sent. */
  | 'policy';

const FIX: Record<ErrorKind, string> = {
  'auth': 'Invalid key. Validation failed: check the key and that it belongs to this host.',
  'quota': "You exceeded your current quota: check your provider's billing.",
  'rate-limit': 'Rate limited by the provider: wait a moment and retry.',
  'model-not-found': 'Invalid model name. Validation failed: pick a model this key can use.',
  'context-too-long': 'The conversation is longer than the model accepts: start a new chat or remove context.',
  'bad-request': 'The provider rejected the request: check the model and its options.',
  'server': 'The provider had a server error: retry in a moment.',
  'network': 'Host unreachable: check the host address, your network and proxy.',
  'timeout': 'The provider did not answer in time: retry, or check the host.',
  'aborted': 'Stopped.',
  'unexpected-response': 'The host answered with something that is not this provider\'s API: check the host address.',
  'policy': "Not allowed by your organization's model policy: choose an allowed model, or ask whoever manages your settings.",
};

const RETRYABLE: ReadonlySet<ErrorKind> = new Set(['rate-limit', 'server', 'network', 'timeout']);

export interface ProviderErrorInit {
  kind: ErrorKind;
  provider: string;
  /** The provider's own message (redacted here before it is stored). */
  message: string;
  status?: number;
  /** Provider error code such as insufficient_quota or API_KEY_INVALID. */
  code?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly kind: ErrorKind;
  readonly provider: string;
  readonly status?: number;
  readonly code?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  /** One line telling the user what to do next. */
  readonly fix: string;

  constructor(init: ProviderErrorInit) {
    super(redactSecrets(init.message || init.kind), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.provider = init.provider;
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.retryable = RETRYABLE.has(init.kind);
    this.fix = FIX[init.kind];
  }

  /** "Invalid key. Validation failed…" followed by the provider's words, for a notification. */
  get userMessage(): string {
    return `${this.fix} (${this.provider}${this.status ? ` ${this.status}` : ''}: ${this.message})`;
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}

// Key-shaped substrings: OpenAI/Anthropic/OpenRouter/xAI/Groq keys, Google keys, AWS access key ids,
// JWT-ish and long opaque tokens after auth words. Providers echo key fragments in messages
// ("Incorrect API key provided: sk-abc***xyz"), and those messages reach the UI and logs.
const SECRET_PATTERNS: RegExp[] = [
  /\b(sk|pk|rk)-[A-Za-z0-9_*.-]{6,}/g,
  /\bsk-ant-[A-Za-z0-9_*.-]{6,}/g,
  /\b(gsk|xai|or|ghp|hf)_[A-Za-z0-9_*.-]{8,}/g,
  /\bAIza[0-9A-Za-z_*-]{10,}/g,
  /\b(AKIA|ASIA)[0-9A-Z]{12,}/g,
  /\b(ABSK)[A-Za-z0-9+/=_*-]{10,}/g,
  /((?:api[_-]?key|token|secret|authorization|bearer)["']?\s*[:=]?\s*["']?)(?:Bearer\s+)?[A-Za-z0-9_.*+/=-]{12,}/gi,
];

export function redactSecrets(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of extraSecrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (_match, prefix: unknown) =>
      typeof prefix === 'string' && /api|token|secret|auth|bearer/i.test(prefix) ? `${prefix}[redacted]` : '[redacted]');
  }
  return out;
}

/** Shows the first characters and the last four, as "sk-…4f2a". Never more than 4 trailing characters. */
export function maskKey(key: string): string {
  if (key.length <= 8) return '…';
  const head = /^[a-z]+[-_](?:ant-|proj-)?/i.exec(key)?.[0] ?? '';
  return `${head.slice(0, 8)}…${key.slice(-4)}`;
}
