// ConverseStream events -> StreamParts. The order on the wire: messageStart, content blocks (reasoning,
// text, toolUse with its input JSON in pieces), messageStop with the stop reason, then metadata with
// usage. We finish only after messageStop: a stream that ends before it is cut off, and the guard
// reports that as a network error.
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { StreamPart, Usage } from '../types';
import { convertUsage } from './convert-usage';
import { mapFinishReason } from './map-finish';

/** Exceptions the service may also send as events; the SDK normally throws them itself. */
const EXCEPTION_MEMBERS = [
  'internalServerException', 'modelStreamErrorException', 'validationException', 'throttlingException', 'serviceUnavailableException',
] as const;

export async function* convertStream(events: AsyncIterable<ConverseStreamOutput>): AsyncGenerator<StreamPart> {
  const tools = new Map<number, { id: string; name: string; json: string }>();
  let stopReason: string | undefined;
  let usage: Usage | undefined;

  function* flushTool(index: number): Generator<StreamPart> {
    const t = tools.get(index);
    if (!t) return;
    tools.delete(index);
    yield { type: 'tool-call', call: { id: t.id, name: t.name, argumentsJson: t.json || '{}' } };
  }

  for await (const ev of events) {
    for (const member of EXCEPTION_MEMBERS) {
      const ex = (ev as unknown as Record<string, unknown>)[member];
      if (ex) throw asError(ex, member);
    }
    if (ev.contentBlockStart) {
      const start = ev.contentBlockStart.start?.toolUse;
      if (start) tools.set(ev.contentBlockStart.contentBlockIndex ?? 0, { id: start.toolUseId ?? '', name: start.name ?? '', json: '' });
    } else if (ev.contentBlockDelta) {
      const d = ev.contentBlockDelta.delta;
      if (d?.text) yield { type: 'text', delta: d.text };
      else if (d?.reasoningContent?.text) yield { type: 'reasoning', delta: d.reasoningContent.text };
      else if (d?.toolUse?.input) {
        const t = tools.get(ev.contentBlockDelta.contentBlockIndex ?? 0);
        if (t) t.json += d.toolUse.input;
      }
    } else if (ev.contentBlockStop) {
      yield* flushTool(ev.contentBlockStop.contentBlockIndex ?? 0);
    } else if (ev.messageStop) {
      // A block the service never closed still belongs to this answer.
      for (const index of [...tools.keys()]) yield* flushTool(index);
      stopReason = ev.messageStop.stopReason ?? 'end_turn';
    } else if (ev.metadata) {
      usage = convertUsage(ev.metadata.usage);
      if (usage) yield { type: 'usage', usage };
    }
  }
  if (stopReason !== undefined) yield { type: 'finish', reason: mapFinishReason(stopReason), ...(usage ? { usage } : {}) };
}

/** Names the error like the SDK's own class (throttlingException -> ThrottlingException) so mapping sees one shape. */
function asError(ex: unknown, member: string): Error {
  if (ex instanceof Error) return ex;
  const message = (ex as { message?: unknown }).message;
  return Object.assign(new Error(typeof message === 'string' ? message : member), { name: member[0]!.toUpperCase() + member.slice(1) });
}
