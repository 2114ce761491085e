// Today's inline requests and cost for the inline status bar item. The app feeds it what the router's
// meter records with origin 'inline'; the usage ledger can replace it behind the same interface.
import { costOf } from '../chat/cost';
import type { ModelPricing, Usage } from '../providers/types';

export interface InlineToday { requests: number; usd: number; unpricedRequests: number }
export interface InlineUsageSource { todayInline(): InlineToday }

const dayOf = (d: Date): string => `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;

export class InlineTally implements InlineUsageSource {
  #day = '';
  #today: InlineToday = { requests: 0, usd: 0, unpricedRequests: 0 };

  constructor(private readonly now: () => Date = () => new Date()) {}

  record(at: Date, usage: Usage, pricing: ModelPricing | undefined): void {
    this.#roll();
    if (dayOf(at) !== this.#day) return;
    const { usd } = costOf(usage, pricing);
    this.#today.requests++;
    if (usd === undefined) this.#today.unpricedRequests++;
    else this.#today.usd += usd;
  }

  todayInline(): InlineToday {
    this.#roll();
    return { ...this.#today };
  }

  #roll(): void {
    const day = dayOf(this.now());
    if (day !== this.#day) { this.#day = day; this.#today = { requests: 0, usd: 0, unpricedRequests: 0 }; }
  }
}
