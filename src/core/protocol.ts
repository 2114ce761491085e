// The one message map between the chat webview and the extension host. Both sides import these
// types; the host validates every incoming message with zod because the webview is untrusted.
import { z } from 'zod';

/** Webview -> host. */
export const WebviewMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('runCommand'), command: z.enum(['byok.addKey', 'byok.selectModel', 'byok.manageKeys']) }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessage>;

/** Host -> webview. */
export type HostMessage =
  | { type: 'init'; version: string; hasKeys: boolean; model?: { label: string; provider: string } };

export function parseWebviewMessage(raw: unknown): { ok: true; message: WebviewMessage } | { ok: false; error: string } {
  const result = WebviewMessage.safeParse(raw);
  return result.success
    ? { ok: true, message: result.data }
    : { ok: false, error: result.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') };
}
