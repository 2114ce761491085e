// Short human texts for models, shared by the picker, the status bar and the LM API tooltip.
import { formatUsd } from '../../core/chat/cost';
import type { ModelPricing } from '../../core/providers/types';

export function formatTokens(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${Math.round(n / 1_000)}K`;
  return String(n);
}

export function formatPrice(pricing: ModelPricing | undefined): string {
  if (!pricing) return 'price unknown';
  return `${formatUsd(pricing.inputPerMTok)} in / ${formatUsd(pricing.outputPerMTok)} out per 1M tokens`;
}
