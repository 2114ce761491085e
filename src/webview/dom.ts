// A tiny element builder: every node is created with properties, never from an HTML string, so
// nothing here can turn text into markup. (Model output becomes markup only in render/markdown.ts,
// and only after DOMPurify.)

type Child = Node | string | null | undefined | false;

export interface ElementProps {
  class?: string;
  text?: string;
  testid?: string;
  /** aria-*, data-*, role, title, type, ... set with setAttribute. */
  attrs?: Record<string, string | undefined>;
  hidden?: boolean;
  onClick?: (event: MouseEvent) => void;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.testid) node.dataset.testid = props.testid;
  if (props.hidden) node.hidden = true;
  if (props.attrs) {
    for (const [name, value] of Object.entries(props.attrs)) if (value !== undefined) node.setAttribute(name, value);
  }
  if (props.onClick) (node as HTMLElement).addEventListener('click', props.onClick);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A `<button type="button">`: every control is a real button, so it is focusable and keyboard-operable. */
export function button(label: string, props: ElementProps & { icon?: Node; showLabel?: boolean } = {}): HTMLButtonElement {
  const { icon, showLabel = true, ...rest } = props;
  const b = el('button', { ...rest, attrs: { type: 'button', ...(showLabel ? {} : { 'aria-label': label, title: label }), ...rest.attrs } });
  if (icon) b.append(icon);
  if (showLabel) b.append(el('span', { class: 'label', text: label }));
  return b;
}

export function setHidden(node: HTMLElement, hidden: boolean): void {
  if (node.hidden !== hidden) node.hidden = hidden;
}
