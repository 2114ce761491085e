// Markdown to sanitized DOM. markdown-it with html: false, so raw HTML in an answer is text;
// DOMPurify after it anyway; then code blocks get their toolbar.
import MarkdownIt from 'markdown-it';
import { decorateCodeBlocks } from './code-blocks';
import { highlight } from './highlight';
import { sanitize } from './sanitize';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false, highlight });

// Images are never loaded (the CSP would block remote ones anyway, and a data: image from a model
// is not worth the risk): `![alt](src)` becomes a link to src, which opens through the host.
md.renderer.rules.image = (tokens, idx, options, env) => {
  const token = tokens[idx]!;
  const alt = md.renderer.renderInlineAsText(token.children ?? [], options, env) || 'image';
  const src = String(token.attrGet('src') ?? '');
  return `<a href="${md.utils.escapeHtml(src)}" class="md-image">Image: ${md.utils.escapeHtml(alt)}</a>`;
};

// Table alignment arrives as style="text-align:…"; styles are stripped, so say it with a class.
md.core.ruler.push('align_to_class', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const style = String(token.attrGet('style') ?? '');
    if (!style) continue;
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    const align = /text-align:\s*(left|right|center)/.exec(style)?.[1];
    if (align) token.attrJoin('class', `align-${align}`);
  }
});

export function renderMarkdown(source: string): DocumentFragment {
  const fragment = sanitize(md.render(source));
  decorateCodeBlocks(fragment);
  return fragment;
}

/**
 * Several finished blocks at once, each in its own `div.md-block`, with one sanitizer pass (a
 * whole message from the host: the sanitizer's per-call cost dominates for short blocks). Gives
 * the same DOM as rendering each block apart: markdown-it's HTML for a block is balanced.
 */
export function renderBlocks(sources: string[], className: string): DocumentFragment {
  const html = sources.map((source) => `<div class="${className}">${md.render(source)}</div>`).join('');
  const fragment = sanitize(html);
  decorateCodeBlocks(fragment);
  return fragment;
}
