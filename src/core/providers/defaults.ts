// The defaults every adapter shares, in one place so a change reaches every provider alike.

/** Wait for the response headers (time to first byte, never the whole stream) before giving up. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** SDK-level retries before the first token, on 429/5xx/network. */
export const DEFAULT_MAX_RETRIES = 2;

/** The Azure API version used when a connection does not name one (GA, supports stream usage). */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';
