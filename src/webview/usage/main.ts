// The usage panel (browser code): totals, the daily chart, breakdowns, and the request log. It renders
// what the host sends (src/core/usage/usage-protocol.ts, types only) with textContent, never markup.
//
// data-testid hooks: usage-today, usage-month, usage-range (each with -cost, -requests), usage-unpriced,
// usage-cache-rate, usage-budget, usage-chart, usage-by-model/-key/-provider/-origin (tables), tab-overview,
// tab-log, request-log (table; rows data-testid=request-row with data-request-id), copy-request-id,
// range-from, range-to, export-csv.
import type { UsageHostMessage, UsageTab, UsageWebviewMessage, BudgetView } from '../../core/usage/usage-protocol';
import type { GroupRow, RecentRow, UsageSummary } from '../../core/usage/summary';
import type { UsageTotals } from '../../core/chat/usage-ledger';
import { el } from '../dom';
import { formatCost, formatTokens } from '../format';
import { dailyChart } from './chart';
import './usage.css';

interface Api { postMessage(m: UsageWebviewMessage): void; getState(): unknown; setState(s: unknown): void }
declare function acquireVsCodeApi(): Api;
const api = acquireVsCodeApi();
const post = (m: UsageWebviewMessage): void => api.postMessage(m);

const app = document.getElementById('app')!;
let tab: UsageTab = 'overview';
let last: Extract<UsageHostMessage, { type: 'summary' }> | undefined;

/** "$1.23", or "price unknown" when nothing was priced, plus the unpriced count: never a bare $0 for unknown. */
function cost(t: UsageTotals): string {
  if (t.requests > 0 && t.unpricedRequests === t.requests) return 'price unknown';
  return formatCost(t.usd) + (t.unpricedRequests ? ` + ${t.unpricedRequests} unpriced` : '');
}

function card(id: string, title: string, t: UsageTotals, extra?: HTMLElement): HTMLElement {
  return el('section', { class: 'card', testid: id }, [
    el('h2', { text: title }),
    el('div', { class: 'big', testid: `${id}-cost`, text: cost(t) }),
    el('div', { class: 'sub', testid: `${id}-requests`, text: `${formatTokens(t.requests)} request${t.requests === 1 ? '' : 's'}${t.errors ? ` · ${t.errors} failed` : ''}` }),
    el('div', { class: 'sub', text: `${formatTokens(t.inputTokens)} in · ${formatTokens(t.outputTokens)} out` }),
    extra ?? null,
  ]);
}

function budgetLine(b: BudgetView): HTMLElement | undefined {
  if (b.monthlyUsd === undefined) return undefined;
  const pct = Math.min(100, Math.floor(b.percent ?? 0));
  const meter = el('meter', { attrs: { min: '0', max: '100', low: '75', high: '90', optimum: '0', value: String(pct), 'aria-label': 'Budget used' } });
  return el('div', { class: 'budget', testid: 'usage-budget' }, [
    meter,
    el('span', { text: ` ${pct} % of ${formatCost(b.monthlyUsd)} budget (${b.action})` }),
    el('button', { class: 'link', text: 'Change', onClick: () => post({ type: 'openBudgetSettings' }) }),
  ]);
}

function table(id: string, caption: string, rows: GroupRow[]): HTMLElement {
  const head = el('tr', {}, ['Name', 'Requests', 'Input', 'Cached', 'Output', 'Cost'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })));
  const body = rows.map((r) => el('tr', {}, [
    el('th', { text: r.name, attrs: { scope: 'row' } }),
    el('td', { text: formatTokens(r.totals.requests) }),
    el('td', { text: formatTokens(r.totals.inputTokens) }),
    el('td', { text: formatTokens(r.totals.cachedInputTokens) }),
    el('td', { text: formatTokens(r.totals.outputTokens) }),
    el('td', { text: cost(r.totals) }),
  ]));
  return el('table', { testid: id }, [el('caption', { text: caption }), el('thead', {}, [head]), el('tbody', {}, body.length ? body : [el('tr', {}, [el('td', { text: 'No requests in this range.', attrs: { colspan: '6' } })])])]);
}

function logRow(r: RecentRow): HTMLElement {
  const time = new Date(r.at);
  const tokens = `${formatTokens(r.inputTokens)} in${r.cachedInputTokens ? ` (${formatTokens(r.cachedInputTokens)} cached)` : ''} · ${formatTokens(r.outputTokens)} out`;
  const idCell = r.requestId
    ? el('td', { class: 'request-id' }, [
      el('code', { text: r.requestId }),
      el('button', { class: 'icon', testid: 'copy-request-id', text: 'Copy', attrs: { title: 'Copy the request id', 'aria-label': `Copy request id ${r.requestId}` }, onClick: () => post({ type: 'copyRequestId', requestId: r.requestId! }) }),
    ])
    : el('td', { class: 'muted', text: 'none reported' });
  const failed = r.outcome !== 'ok' && r.outcome !== 'stopped';
  // The request id comes right after the status: it is what a user copies into the provider's dashboard.
  return el('tr', { testid: 'request-row', attrs: { 'data-request-id': r.requestId, 'data-outcome': r.outcome } }, [
    el('td', { text: time.toLocaleString(), attrs: { title: r.at } }),
    el('td', { text: r.model }),
    el('td', { text: r.keyName }),
    el('td', { text: r.host }),
    el('td', { class: failed ? 'bad' : '', text: r.outcome }),
    idCell,
    el('td', { text: tokens }),
    el('td', { text: r.usd === undefined ? 'price unknown' : `${formatCost(r.usd)}${r.providerReported ? ' (provider)' : ''}` }),
    el('td', { text: r.latencyMs === undefined ? '' : `${(r.latencyMs / 1000).toFixed(1)} s${r.ttftMs !== undefined ? ` (first ${(r.ttftMs / 1000).toFixed(1)} s)` : ''}` }),
    el('td', { text: r.origin }),
  ]);
}

function requestLog(rows: RecentRow[]): HTMLElement {
  const head = el('tr', {}, ['Time', 'Model', 'Key', 'Host', 'Status', 'Request id', 'Tokens', 'Cost', 'Latency', 'Origin'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })));
  // The log is wider than a narrow editor: it scrolls sideways on its own, so the request id is never cut off.
  return el('div', { class: 'log-wrap' }, [
    el('p', { class: 'sub', text: `The ${rows.length} most recent requests. The request id is the provider's: search for it in its dashboard to see which key served the request.` }),
    el('div', { class: 'scroll-x', attrs: { tabindex: '0', role: 'region', 'aria-label': 'Request log' } }, [
      el('table', { testid: 'request-log', class: 'log' }, [
        el('thead', {}, [head]),
        el('tbody', {}, rows.length ? rows.map(logRow) : [el('tr', {}, [el('td', { text: 'No requests yet.', attrs: { colspan: '10' } })])]),
      ]),
    ]),
  ]);
}

function legend(s: UsageSummary): HTMLElement {
  return el('ul', { class: 'legend' }, s.daily.series.map((series, j) => el('li', { class: `series-${Math.min(j, 7)}` }, [el('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' } }), series.name])));
}

function toolbar(s: UsageSummary): HTMLElement {
  const from = el('input', { testid: 'range-from', attrs: { type: 'date', value: s.from, 'aria-label': 'From' } });
  const to = el('input', { testid: 'range-to', attrs: { type: 'date', value: s.to, 'aria-label': 'To' } });
  const apply = (): void => { if (from.value && to.value) post({ type: 'setRange', from: from.value, to: to.value }); };
  from.addEventListener('change', apply);
  to.addEventListener('change', apply);
  const tabButton = (t: UsageTab, label: string): HTMLElement => el('button', {
    class: `tab${tab === t ? ' active' : ''}`, testid: `tab-${t}`, text: label, attrs: { role: 'tab', 'aria-selected': String(tab === t) },
    onClick: () => { tab = t; api.setState({ tab }); post({ type: 'setTab', tab }); render(); },
  });
  return el('header', { class: 'toolbar' }, [
    el('div', { class: 'tabs', attrs: { role: 'tablist' } }, [tabButton('overview', 'Overview'), tabButton('log', 'Request log')]),
    el('label', {}, ['From ', from]), el('label', {}, ['To ', to]),
    el('button', { testid: 'export-csv', text: 'Export CSV…', onClick: () => post({ type: 'export' }) }),
  ]);
}

function render(): void {
  if (!last) return;
  const { summary: s, budget } = last;
  const parts: (HTMLElement | null)[] = [toolbar(s)];
  if (tab === 'overview') {
    parts.push(
      el('div', { class: 'cards' }, [
        card('usage-today', 'Today', s.today),
        card('usage-month', 'This month', s.month, budgetLine(budget)),
        card('usage-range', `${s.from} to ${s.to}`, s.range, el('div', { class: 'sub', testid: 'usage-cache-rate', text: s.cacheHitRate === undefined ? 'Cache hit rate: no input' : `Cache hit rate: ${(s.cacheHitRate * 100).toFixed(1)} %` })),
      ]),
      s.range.unpricedRequests ? el('p', { class: 'note', testid: 'usage-unpriced', text: `${s.range.unpricedRequests} request(s) in this range have no known price and are not in the dollar figures: set their prices in byok.pricing.` }) : null,
      el('section', { class: 'chart-box' }, [el('h2', { text: 'Cost per day, by model' }), dailyChart(s.daily), legend(s)]),
      el('div', { class: 'tables' }, [
        table('usage-by-model', 'By model', s.byModel), table('usage-by-key', 'By key', s.byKey),
        table('usage-by-provider', 'By provider', s.byProvider), table('usage-by-origin', 'By origin', s.byOrigin),
      ]),
    );
  } else {
    parts.push(requestLog(s.recent));
  }
  app.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}

window.addEventListener('message', (event: MessageEvent<UsageHostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'summary': {
      const saved = api.getState() as { tab?: UsageTab } | undefined;
      last = m;
      // The host says which tab a command opened; otherwise the tab the user last chose stays.
      tab = m.tab ?? saved?.tab ?? 'overview';
      render();
      break;
    }
    case 'exported': {
      const note = el('p', { class: 'note', testid: 'export-done', attrs: { role: 'status' }, text: `Exported ${m.rows} requests to ${m.path}` });
      app.append(note);
      break;
    }
  }
});
post({ type: 'ready' });
