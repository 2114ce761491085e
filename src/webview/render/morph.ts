// Brings `target`'s children in line with `source`'s, keeping every node that is already right.
// The open Markdown block is re-rendered each frame; morphing it instead of replacing it means the
// browser restyles, re-lays-out and re-shapes only what changed (usually the last text node).
// `source` is consumed: its nodes are moved into target where needed.

function syncAttributes(target: Element, source: Element): void {
  for (const { name } of [...target.attributes]) if (!source.hasAttribute(name)) target.removeAttribute(name);
  for (const { name, value } of source.attributes) if (target.getAttribute(name) !== value) target.setAttribute(name, value);
}

export function morph(target: Node, source: Node): void {
  let current = target.firstChild;
  let next = source.firstChild;
  while (next) {
    const following = next.nextSibling;
    if (!current) {
      target.appendChild(next);
    } else if (current.isEqualNode(next)) {
      current = current.nextSibling;
    } else if (current.nodeType === Node.TEXT_NODE && next.nodeType === Node.TEXT_NODE) {
      (current as Text).data = (next as Text).data;
      current = current.nextSibling;
    } else if (current instanceof Element && next instanceof Element && current.nodeName === next.nodeName) {
      syncAttributes(current, next);
      morph(current, next);
      current = current.nextSibling;
    } else {
      const after = current.nextSibling;
      target.replaceChild(next, current);
      current = after;
    }
    next = following;
  }
  while (current) {
    const after = current.nextSibling;
    target.removeChild(current);
    current = after;
  }
}
