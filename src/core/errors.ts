// One error type for every provider failure, so the UI can say what happened and what to do next.
import { findPreset } from './providers/presets';

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
    // Codes come from the provider like messages do (some echo the key as the code), so they are scrubbed too.
    if (init.code !== undefined) this.code = redactSecrets(init.code);
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.retryable = RETRYABLE.has(init.kind);
    // When the provider said how long to wait, say it: "a moment" is wrong for a 90-second limit.
    this.fix = init.kind === 'rate-limit' && init.retryAfterMs !== undefined && init.retryAfterMs >= 1000
      ? `Rate limited by the provider: retry in ${waitText(init.retryAfterMs)}.`
      : FIX[init.kind];
  }

  /** "Invalid key. Validation failed…" followed by the provider's words, for a notification. */
  get userMessage(): string {
    return `${this.fix} (${providerLabel(this.provider)}${this.status ? ` ${this.status}` : ''}: ${this.message})`;
  }
}

/** "45 s", "2 min", "1 h 5 min": how long the provider asked us to wait, rounded up. */
export function waitText(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s <= 90) return `${s} s`;
  const min = Math.ceil(s / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}

// Key-shaped substrings: OpenAI/Anthropic/OpenRouter/xAI/Groq keys, Google keys, AWS access key ids,
// JWT-ish and long opaque tokens after auth words, and credentials in a URL's query. Providers echo key
// fragments in messages ("Incorrect API key provided: sk-abc***xyz"), and those messages reach the UI and logs.
const SECRET_PATTERNS: RegExp[] = [
  /\b(sk|pk|rk)-[A-Za-z0-9_*.-]{6,}/g,
  /\bsk-ant-[A-Za-z0-9_*.-]{6,}/g,
  /\b(gsk|xai|or|ghp|hf)_[A-Za-z0-9_*.-]{8,}/g,
  /\bAIza[0-9A-Za-z_*-]{10,}/g,
  /\b(AKIA|ASIA)[0-9A-Z]{12,}/g,
  /\b(ABSK)[A-Za-z0-9+/=_*-]{10,}/g,
  /((?:api[_-]?key|token|secret|authorization|bearer)["']?\s*[:=]?\s*["']?)(?:Bearer\s+)?[A-Za-z0-9_.*+/=-]{12,}/gi,
];

// `?key=…` (Gemini), `&access_token=…`, `X-Amz-Signature=…`: a URL in an error message carries its credentials.
const URL_CREDENTIAL = /([?&;](?:key|api[_-]?key|access[_-]?token|token|secret|sig|signature|x-amz-signature|x-amz-security-token|x-amz-credential)=)[^&#\s"'<>)]+/gi;

/** A run this long of the actual secret is redacted wherever it appears, whatever the prefix or case. */
export const SECRET_RUN = 6;

/**
 * Scrubs secrets from text meant for a person (messages, codes, logs): every run of SECRET_RUN or more
 * characters of a known secret (case-insensitive, also inside URL-encoding), credentials in URLs, and
 * key-shaped substrings of secrets we were not told about.
 */
export function redactSecrets(text: string, extraSecrets: readonly string[] = []): string {
  let out = redactRuns(text, extraSecrets);
  // A secret too short for a run is still hidden where it appears whole.
  for (const secret of extraSecrets) if (secret.length >= 4 && secret.length < SECRET_RUN) out = out.split(secret).join('[redacted]');
  out = out.replace(URL_CREDENTIAL, '$1[redacted]');
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (_match, prefix: unknown) =>
      typeof prefix === 'string' && /api|token|secret|auth|bearer/i.test(prefix) ? `${prefix}[redacted]` : '[redacted]');
  }
  return out;
}

/**
 * Marks each character of `text` that lies in a window of SECRET_RUN characters found in a secret, in the
 * text as written and in its percent-decoded reading, then replaces each marked stretch once. Linear in the
 * text: one set lookup per position (the set holds every window of every secret).
 */
function redactRuns(text: string, secrets: readonly string[]): string {
  const windows = new Set<string>();
  for (const secret of secrets) {
    const lower = secret.toLowerCase();
    for (let i = 0; i + SECRET_RUN <= lower.length; i++) windows.add(lower.slice(i, i + SECRET_RUN));
  }
  if (windows.size === 0 || text.length < SECRET_RUN) return text;
  const hidden = new Uint8Array(text.length);
  let found = false;
  for (const view of [plainView(text), decodedView(text)]) {
    if (!view) continue;
    const lower = view.chars.toLowerCase();
    for (let i = 0; i + SECRET_RUN <= lower.length; i++) {
      if (!windows.has(lower.slice(i, i + SECRET_RUN))) continue;
      found = true;
      hidden.fill(1, view.start[i], view.end[i + SECRET_RUN - 1]);
    }
  }
  if (!found) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!hidden[i]) out += text[i];
    else if (i === 0 || !hidden[i - 1]) out += '[redacted]';
  }
  return out;
}

interface TextView { chars: string; start: number[]; end: number[] }

function plainView(text: string): TextView {
  const start = Array.from({ length: text.length }, (_, i) => i);
  return { chars: text, start, end: start.map((i) => i + 1) };
}

/** The text with %XX escapes decoded (one character each), mapped back to where each came from. */
function decodedView(text: string): TextView | undefined {
  if (!/%[0-9a-f]{2}/i.test(text)) return undefined;
  let chars = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < text.length;) {
    const escaped = text[i] === '%' && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3));
    chars += escaped ? String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16)) : text[i];
    start.push(i);
    i += escaped ? 3 : 1;
    end.push(i);
  }
  return { chars, start, end };
}

// Vendor prefixes a mask may show: they say which kind of key it is and nothing about the secret part.
const KNOWN_PREFIXES = ['sk-ant-', 'sk-proj-', 'sk-or-v1-', 'sk-svcacct-', 'sk-', 'gsk_', 'xai-', 'hf_', 'pplx-', 'AIza', 'AKIA', 'ASIA', 'ABSK'];

/** Shows a known vendor prefix and the last four characters ("sk-…4f2a"); a key under 20 characters shows only "…". */
export function maskKey(key: string): string {
  if (key.length < 20) return '…';
  const head = KNOWN_PREFIXES.find((p) => key.startsWith(p)) ?? '';
  return `${head}…${key.slice(-4)}`;
}

/** `provider` is always a preset id; people read its label ("Custom OpenAI-compatible host", not "openai-compatible"). */
export function providerLabel(presetId: string): string {
  return findPreset(presetId)?.label ?? presetId;
}
