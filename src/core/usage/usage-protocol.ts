// The usage panel's own message map: what the host posts (typed) and what the webview may post (zod,
// because the webview is untrusted). Separate from the chat's protocol: each view accepts only its own.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema';
import type { UsageSummary } from './summary';

export type UsageTab = 'overview' | 'log';

export interface BudgetView {
  monthlyUsd?: number;
  action: string;
  /** This month's spend (priced requests) and what share of the budget it is. */
  spentUsd: number;
  percent?: number;
}

export type UsageHostMessage =
  | { type: 'summary'; summary: UsageSummary; budget: BudgetView; tab: UsageTab }
  | { type: 'exported'; path: string; rows: number };

// Built when the usage panel first hears from its webview.
const UsageWebviewMessage = lazySchema(() => {
  const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('ready') }),
    z.object({ type: z.literal('setRange'), from: day, to: day }),
    z.object({ type: z.literal('setTab'), tab: z.enum(['overview', 'log']) }),
    z.object({ type: z.literal('export') }),
    z.object({ type: z.literal('copyRequestId'), requestId: z.string().min(1).max(500) }),
    z.object({ type: z.literal('openBudgetSettings') }),
  ]);
});
export type UsageWebviewMessage = z.infer<ReturnType<typeof UsageWebviewMessage>>;

export function parseUsageMessage(raw: unknown): { ok: true; message: UsageWebviewMessage } | { ok: false; error: string } {
  const r = UsageWebviewMessage().safeParse(raw);
  return r.success ? { ok: true, message: r.data } : { ok: false, error: r.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') };
}
