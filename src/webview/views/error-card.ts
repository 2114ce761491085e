// An answer that failed: what to do (title), the provider's own words (detail), and one button
// per fix the host offers.
import type { ErrorView } from '../../core/protocol';
import { button, el } from '../dom';
import { icon } from '../icons';

type ErrorAction = ErrorView['actions'][number];

const LABELS: Record<ErrorAction, string> = {
  updateKey: 'Update key',
  chooseModel: 'Choose another model',
  retry: 'Retry',
  addKey: 'Add a key',
  raiseBudget: 'Raise budget',
};

export function errorCard(error: ErrorView, onAction: (action: ErrorAction) => void): HTMLElement {
  return el('div', { class: 'error-card', testid: 'error-card', attrs: { 'data-kind': error.kind } }, [
    el('div', { class: 'error-title' }, [icon('error'), el('span', { text: error.title })]),
    error.detail ? el('div', { class: 'error-detail', text: error.detail }) : null,
    error.actions.length
      ? el('div', { class: 'error-actions' }, error.actions.map((action, i) => button(LABELS[action], {
        class: i === 0 ? 'primary' : 'secondary',
        testid: `error-action-${action}`,
        attrs: { 'data-action': action },
        onClick: () => onAction(action),
      })))
      : null,
  ]);
}
