// Compare mode: one prompt, 2–4 models, their answers streaming side by side, each with its own
// model/key label, usage, cost and outcome.
import type { CompareColumn, CompareWebviewMessage, ErrorView, HostMessage, MessageStatus, ModelView, UsageView } from '../../core/protocol';
import { button, el, setHidden } from '../dom';
import { modelLabel, usageDetail, usageText } from '../format';
import { icon } from '../icons';
import { interceptLinks } from '../links';
import { codeActionFor } from '../render/code-blocks';
import { StreamRenderer } from '../render/stream-renderer';
import { host } from '../vscode-api';
import { Announcer } from './announcer';
import { errorCard } from './error-card';

const MIN_MODELS = 2;
const MAX_MODELS = 4;

type CompareState = Extract<HostMessage, { type: 'compareState' }>;

class ColumnElement {
  readonly element: HTMLElement;
  readonly renderer = new StreamRenderer('message-body markdown');
  private readonly statusElement = el('div', { class: 'message-status' });
  private readonly footer = el('div', { class: 'message-footer' });
  status: MessageStatus = 'streaming';
  private usage: UsageView | undefined;
  private error: ErrorView | undefined;

  constructor(readonly column: CompareColumn, private readonly onAction: (action: ErrorView['actions'][number], columnId: string) => void) {
    this.renderer.element.dataset.testid = 'message-body';
    this.element = el('section', {
      class: 'compare-column',
      testid: 'compare-column',
      attrs: { 'data-column-id': column.id, 'aria-label': `Answer from ${column.model.name}` },
    }, [
      el('div', { class: 'message-header' }, [icon('sparkle'), el('span', { class: 'message-model', testid: 'message-model', text: modelLabel(column.model) })]),
      this.renderer.element,
      this.statusElement,
      this.footer,
    ]);
    this.sync(column);
  }

  get text(): string {
    return this.renderer.text;
  }

  sync(column: CompareColumn): void {
    if (this.renderer.text !== column.text || this.renderer.isEmpty) {
      this.renderer.reset(column.text, column.status !== 'streaming');
      this.renderer.flush();
    }
    this.end(column.status, column.usage, column.error);
  }

  end(status: MessageStatus, usage: UsageView | undefined, error: ErrorView | undefined): void {
    this.status = status;
    this.usage = usage ?? this.usage;
    this.error = error ?? this.error;
    if (status !== 'streaming') this.renderer.end();
    this.element.dataset.status = status;
    const parts: HTMLElement[] = [];
    if (status === 'streaming') parts.push(el('span', { class: 'streaming-indicator', attrs: { 'aria-hidden': 'true' } }));
    if (status === 'interrupted') parts.push(el('div', { class: 'interrupted', testid: 'interrupted' }, [icon('debug-stop'), el('span', { text: 'Stopped — partial answer' })]));
    if (status === 'error' && this.error) {
      parts.push(errorCard(this.error, (action) => this.onAction(action, this.column.id)));
    }
    this.statusElement.replaceChildren(...parts);
    setHidden(this.renderer.element, status === 'error' && this.renderer.isEmpty);
    this.footer.replaceChildren(...(this.usage && status !== 'streaming'
      ? [el('span', { class: 'message-usage', testid: 'message-usage', text: usageText(this.usage), attrs: { title: usageDetail(this.usage) } })]
      : []));
  }
}

export class CompareView {
  readonly element: HTMLElement;
  private readonly post = (message: CompareWebviewMessage): void => host.post(message);
  private readonly announcer = new Announcer();
  private readonly prompt: HTMLTextAreaElement;
  private readonly modelsElement = el('div', { class: 'compare-model-list' });
  private readonly hint = el('p', { class: 'muted compare-hint', attrs: { 'aria-live': 'off' } });
  private readonly runButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly columnsElement = el('div', { class: 'compare-columns', testid: 'compare-columns' });
  private readonly columns = new Map<string, ColumnElement>();
  private models: ModelView[] = [];
  private selected: Set<string> | undefined;
  private busy = false;

  constructor() {
    this.prompt = el('textarea', {
      class: 'composer-input compare-prompt', testid: 'compare-prompt',
      attrs: { rows: '3', 'aria-label': 'Prompt to send to every selected model', placeholder: 'One prompt, answered by each selected model (Enter to run)' },
    });
    this.prompt.value = host.state.compareDraft ?? '';
    this.prompt.addEventListener('input', () => {
      host.saveState({ compareDraft: this.prompt.value });
      this.updateRunnable();
    });
    this.prompt.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.run();
      }
    });
    this.runButton = button('Run', { class: 'primary', icon: icon('send'), testid: 'compare-run', onClick: () => this.run() });
    this.stopButton = button('Stop', { class: 'secondary', icon: icon('debug-stop'), testid: 'compare-stop', hidden: true, onClick: () => this.post({ type: 'compareStop' }) });
    this.element = el('div', { class: 'compare' }, [
      el('div', { class: 'compare-form' }, [
        this.prompt,
        el('fieldset', { class: 'compare-models', testid: 'compare-models' }, [el('legend', { text: `Models (choose ${MIN_MODELS}–${MAX_MODELS})` }), this.modelsElement]),
        el('div', { class: 'compare-actions' }, [this.runButton, this.stopButton, this.hint]),
      ]),
      this.columnsElement,
      this.announcer.element,
    ]);
    this.element.addEventListener('click', (event) => {
      // Code-block toolbars post the same messages in both views (shared in the protocol).
      const message = codeActionFor(event.target);
      if (message) host.post(message);
    });
    interceptLinks(this.element, (href) => this.post({ type: 'openLink', href }));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.busy) this.post({ type: 'compareStop' });
    });
    this.updateRunnable();
  }

  focusInput(): void {
    this.prompt.focus();
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'compareState':
        this.applyState(message);
        return;
      case 'delta':
        if (message.text) this.columns.get(message.id)?.renderer.append(message.text);
        return;
      case 'messageEnd': {
        const column = this.columns.get(message.id);
        if (!column) return;
        column.end(message.status, message.usage, message.error);
        this.announcer.say(`${column.column.model.name}: ${message.status === 'error' ? `error, ${message.error?.title ?? ''}` : message.status === 'interrupted' ? 'stopped' : 'answer complete'}`);
        if (![...this.columns.values()].some((c) => c.status === 'streaming')) this.setBusy(false);
        return;
      }
      case 'focusInput':
        this.prompt.focus();
        return;
      default:
        return;
    }
  }

  private applyState(state: CompareState): void {
    this.setModels(state.models, state.columns);
    if (state.prompt && !this.prompt.value) this.prompt.value = state.prompt;
    const sameColumns = state.columns.length === this.columns.size && state.columns.every((c) => this.columns.get(c.id)?.column.model.id === c.model.id);
    if (sameColumns) {
      for (const column of state.columns) this.columns.get(column.id)!.sync(column);
    } else {
      this.columns.clear();
      const elements = state.columns.map((column) => {
        const element = new ColumnElement(column, (action, columnId) => this.errorAction(action, columnId));
        this.columns.set(column.id, element);
        return element.element;
      });
      this.columnsElement.replaceChildren(...elements);
      this.columnsElement.dataset.count = String(elements.length);
    }
    this.setBusy(state.busy);
  }

  private setModels(models: ModelView[], columns: CompareColumn[]): void {
    this.models = models;
    const known = new Set(models.map((m) => m.id));
    if (!this.selected) {
      const fromRun = columns.map((c) => c.model.id);
      const saved = host.state.compareModelIds ?? [];
      const initial = fromRun.length ? fromRun : saved.length ? saved : models.slice(0, MIN_MODELS).map((m) => m.id);
      this.selected = new Set(initial);
    }
    for (const id of [...this.selected]) if (!known.has(id)) this.selected.delete(id);
    if (models.length < MIN_MODELS) {
      this.modelsElement.replaceChildren(el('p', { class: 'muted', text: 'Comparing needs at least two models. Add another key or allow more models.' }),
        button('Add a key', { class: 'secondary', icon: icon('add'), testid: 'empty-add-key', onClick: () => this.post({ type: 'runCommand', command: 'byok.addKey' }) }));
    } else {
      this.modelsElement.replaceChildren(...models.map((model) => {
        const box = el('input', { testid: 'compare-model', attrs: { type: 'checkbox', value: model.id } });
        box.checked = this.selected!.has(model.id);
        box.addEventListener('change', () => {
          if (box.checked) this.selected!.add(model.id);
          else this.selected!.delete(model.id);
          host.saveState({ compareModelIds: [...this.selected!] });
          this.updateRunnable();
        });
        return el('label', { class: 'compare-model' }, [box, el('span', { text: modelLabel(model) })]);
      }));
    }
    this.updateRunnable();
  }

  private chosenIds(): string[] {
    return this.models.filter((m) => this.selected?.has(m.id)).map((m) => m.id);
  }

  private updateRunnable(): void {
    const count = this.chosenIds().length;
    const full = count >= MAX_MODELS;
    for (const box of this.modelsElement.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) box.disabled = full && !box.checked;
    let hint = '';
    if (this.busy) hint = '';
    else if (count < MIN_MODELS) hint = `Choose at least ${MIN_MODELS} models.`;
    else if (!this.prompt.value.trim()) hint = 'Write a prompt.';
    this.hint.textContent = hint;
    this.runButton.disabled = hint !== '';
  }

  /** "Choose another model" is answered here: the model list is in this panel. The rest go to the host. */
  private errorAction(action: ErrorView['actions'][number], columnId: string): void {
    if (action === 'chooseModel') {
      const box = this.modelsElement.querySelector<HTMLInputElement>('input[type=checkbox]:not(:disabled)');
      (box ?? this.prompt).focus();
      return;
    }
    this.post({ type: 'errorAction', action, messageId: columnId });
  }

  private run(): void {
    const text = this.prompt.value.trim();
    const modelIds = this.chosenIds();
    if (this.busy || !text || modelIds.length < MIN_MODELS || modelIds.length > MAX_MODELS) return;
    this.post({ type: 'compareRun', text, modelIds });
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    const hadFocus = document.activeElement === (busy ? this.runButton : this.stopButton);
    setHidden(this.runButton, busy);
    setHidden(this.stopButton, !busy);
    if (hadFocus) (busy ? this.stopButton : this.runButton).focus();
    this.updateRunnable();
  }
}
