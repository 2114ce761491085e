// The usage ledger as CSV: one row per request, every field, token counts that do not overlap
// (uncached + cache read + cache write 5m + cache write 1h = all input; output includes reasoning).
import { providerOf, shownUsd, type LedgerEntry } from '../chat/usage-ledger';

export const CSV_COLUMNS = [
  'time', 'origin', 'provider', 'model', 'key_name', 'key_id', 'host', 'outcome', 'latency_ms', 'time_to_first_token_ms', 'request_id',
  'input_uncached_tokens', 'cache_read_tokens', 'cache_write_5m_tokens', 'cache_write_1h_tokens', 'output_tokens', 'reasoning_tokens',
  'usd_estimate', 'usd_provider', 'usd',
] as const;

/**
 * One CSV cell (RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled). Text that a
 * spreadsheet would run as a formula (= + - @ tab CR at the start) gets a leading apostrophe: a key name or
 * model id is user text and must not become a formula when the file is opened.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const round = (n: number | undefined, digits: number): number | undefined => (n === undefined ? undefined : Number(n.toFixed(digits)));

export function csvRow(e: LedgerEntry): string {
  const u = e.usage;
  const input = u.inputTokens;
  const read = Math.min(u.cachedInputTokens ?? 0, input);
  const write = Math.min(u.cacheWriteInputTokens ?? 0, input - read);
  const write1h = Math.min(u.cacheWrite1hInputTokens ?? 0, write);
  const slash = e.modelRef.indexOf('/');
  const cells: (string | number | undefined)[] = [
    e.at.toISOString(), e.origin, providerOf(e.modelRef), e.modelRef.slice(slash + 1), e.keyName, e.keyId, e.host, e.outcome ?? 'ok',
    round(e.latencyMs, 0), round(e.ttftMs, 0), e.requestId,
    input - read - write, read, write - write1h, write1h, u.outputTokens, u.reasoningTokens ?? 0,
    round(e.usd, 8), round(e.providerUsd, 8), round(shownUsd(e), 8),
  ];
  return cells.map(csvCell).join(',');
}

/** The whole file, header first, CRLF line ends (what spreadsheets expect). */
export function toCsv(entries: Iterable<LedgerEntry>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) lines.push(csvRow(e));
  return `${lines.join('\r\n')}\r\n`;
}
