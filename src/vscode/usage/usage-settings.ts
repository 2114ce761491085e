// The usage settings (prices, budget), read like the policy settings: user/application or enterprise
// policy values only, never a workspace's (a repository must not be able to lower its own cost figures
// or lift a budget).
import { parseBudget, type BudgetSettings } from '../../core/usage/budget';
import { effectivePricing, parsePricingOverrides, type PricingOverrides } from '../../core/usage/pricing-overrides';
import type { ModelPricing } from '../../core/providers/types';
import { userValue } from '../policy/policy-settings';

export function readBudget(): BudgetSettings {
  return parseBudget({ monthlyUsd: userValue('byok.budget.monthlyUsd'), action: userValue('byok.budget.action'), perKey: userValue('byok.budget.perKey') });
}

export function readPricingOverrides(): PricingOverrides {
  return parsePricingOverrides(userValue('byok.pricing'));
}

/** byok.pricing for the model when set, else the curated price. */
export function pricingFor(presetId: string, modelId: string, curated: ModelPricing | undefined): ModelPricing | undefined {
  return effectivePricing(`${presetId}/${modelId}`, readPricingOverrides(), curated);
}
