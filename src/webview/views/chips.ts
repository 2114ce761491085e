// Attachment chips: what goes with the next question (removable) or went with a sent one.
import type { AttachmentView } from '../../core/protocol';
import { button, el } from '../dom';
import { icon } from '../icons';
import { formatTokens } from '../format';

export function attachmentChip(attachment: AttachmentView, onRemove?: (id: string) => void): HTMLElement {
  const tokens = `${formatTokens(attachment.tokens)} tokens`;
  return el('span', { class: 'chip', testid: 'attachment-chip', attrs: { 'data-attachment-id': attachment.id, title: `${attachment.label} (~${tokens})` } }, [
    icon(attachment.kind === 'selection' ? 'selection' : 'file'),
    el('span', { class: 'chip-label', text: attachment.label }),
    el('span', { class: 'chip-tokens', text: tokens }),
    onRemove
      ? button(`Remove ${attachment.label}`, { class: 'icon-button chip-remove', icon: icon('close'), showLabel: false, testid: 'attachment-remove', onClick: () => onRemove(attachment.id) })
      : null,
  ]);
}
