// Numbers and labels as the user reads them.
import type { ChatState, ModelView, UsageView } from '../core/protocol';

const integer = new Intl.NumberFormat('en-US');

export function formatTokens(n: number): string {
  return integer.format(Math.round(n));
}

export function formatCost(usd: number | undefined): string {
  if (usd === undefined) return 'price unknown';
  if (usd === 0) return '$0.00';
  if (usd < 0.0001) return '<$0.0001';
  return usd < 1 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** "GPT-4.1 · OpenAI · work key" */
export function modelLabel(model: ModelView): string {
  return [model.name, model.providerLabel, model.keyName].filter(Boolean).join(' · ');
}

/** "1,234 in · 567 out · $0.0012" */
export function usageText(usage: UsageView): string {
  return `${formatTokens(usage.inputTokens)} in · ${formatTokens(usage.outputTokens)} out · ${formatCost(usage.costUsd)}`;
}

/** The breakdown behind usageText, for the tooltip. */
export function usageDetail(usage: UsageView): string {
  const parts = [`Input: ${formatTokens(usage.inputTokens)} tokens`];
  if (usage.cachedInputTokens) parts.push(`  cached: ${formatTokens(usage.cachedInputTokens)}`);
  parts.push(`Output: ${formatTokens(usage.outputTokens)} tokens`);
  if (usage.reasoningTokens) parts.push(`  reasoning: ${formatTokens(usage.reasoningTokens)}`);
  parts.push(`Cost: ${usage.costUsd === undefined ? 'price unknown' : formatCost(usage.costUsd)}`);
  if (usage.requestId) parts.push(`Request id: ${usage.requestId}`);
  return parts.join('\n');
}

export function totalsText(totals: ChatState['totals']): string {
  const tokens = `${formatTokens(totals.inputTokens)} in · ${formatTokens(totals.outputTokens)} out`;
  const unpriced = totals.unpricedAnswers;
  let cost: string;
  // Nothing priced: a "$0.00" would read as free.
  if (totals.costUsd === undefined || (totals.pricedAnswers === 0 && unpriced > 0)) cost = 'price unknown';
  else cost = formatCost(totals.costUsd) + (unpriced > 0 ? ` + ${unpriced} answer${unpriced === 1 ? '' : 's'} of unknown price` : '');
  return `This chat: ${tokens} · ${cost}`;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export function relativeTime(then: number, now = Date.now()): string {
  const minutes = Math.round((then - now) / 60_000);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  const days = Math.round(hours / 24);
  if (Math.abs(days) < 30) return relative.format(days, 'day');
  return new Date(then).toLocaleDateString();
}
