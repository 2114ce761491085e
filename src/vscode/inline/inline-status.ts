// The inline completions status bar item, apart from the chat model's: on or off, which model and route,
// a spinner while a request is in flight, why completions are paused, and today's inline requests and
// cost. Clicking offers toggle / change model / settings.
import * as vscode from 'vscode';
import { formatUsd } from '../../core/chat/cost';
import type { InlineToday } from '../../core/inline/tally';

export type InlineStatusState =
  | { kind: 'off'; hint?: string }
  | { kind: 'no-model' }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'on'; model: string; route: string; busy: boolean; paused?: string; today: InlineToday };

export const MENU_COMMAND = 'byok.inlineCompletions.menu';

export class InlineStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('byok.inline', vscode.StatusBarAlignment.Right, 99);
  /** The last state shown (host tests read it). */
  state: InlineStatusState = { kind: 'off' };

  constructor() {
    this.item.name = 'BYOK Inline Completions';
    this.item.command = MENU_COMMAND;
  }

  show(state: InlineStatusState): void {
    this.state = state;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['byok.toggleInlineCompletions', 'byok.selectInlineModel', 'byok.manageKeys'] };
    let text: string;
    let warning = false;
    switch (state.kind) {
      case 'off':
        text = '$(circle-slash) Inline';
        md.appendMarkdown(`**BYOK inline completions are off.**${state.hint ? `\n\n${escapeMd(state.hint)}` : ''}\n\n[Turn on](command:byok.toggleInlineCompletions)`);
        break;
      case 'no-model':
        text = '$(circle-slash) Inline: no model';
        md.appendMarkdown('**BYOK inline completions are on, but no inline model is chosen**, so nothing is sent.\n\n[Choose an inline model](command:byok.selectInlineModel)');
        break;
      case 'unavailable':
        text = '$(warning) Inline (unavailable)';
        warning = true;
        md.appendMarkdown(`$(warning) ${escapeMd(state.reason)}\n\nNo completions are requested until this is fixed.\n\n[Choose an inline model](command:byok.selectInlineModel) · [Manage keys](command:byok.manageKeys)`);
        break;
      case 'on': {
        const icon = state.busy ? '$(loading~spin)' : state.paused ? '$(debug-pause)' : '$(sparkle)';
        text = `${icon} ${state.model}`;
        warning = state.paused !== undefined;
        const t = state.today;
        md.appendMarkdown(`**BYOK inline completions**: ${escapeMd(state.route)}\n\n`);
        if (state.paused) md.appendMarkdown(`$(debug-pause) Paused: ${escapeMd(state.paused)}\n\n`);
        md.appendMarkdown(`Today: ${todayLine(t)}\n\n`);
        md.appendMarkdown('[Turn off](command:byok.toggleInlineCompletions) · [Change model](command:byok.selectInlineModel)');
        break;
      }
    }
    this.item.text = text;
    this.item.tooltip = md;
    this.item.backgroundColor = warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `BYOK inline completions: ${text.replace(/\$\([^)]*\)\s*/g, '')}`, role: 'button' };
    this.item.show();
  }

  dispose(): void { this.item.dispose(); }
}

/** "3 inline requests, $0.0012" / "3 inline requests (no known price: a local or unlisted model)". */
export function todayLine(t: InlineToday): string {
  const count = `${t.requests} inline request${t.requests === 1 ? '' : 's'}`;
  if (t.requests === 0) return `${count}, ${formatUsd(0)}`;
  if (t.unpricedRequests === t.requests) return `${count} (no known price: a local or unlisted model)`;
  return `${count}, ${formatUsd(t.usd)}${t.unpricedRequests ? ` (+${t.unpricedRequests} without a known price)` : ''}`;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
