// The simulator with every wire format we speak. Formats are tried in order; the first match answers.
import { ProviderSimulator } from './server';
import type { WireFormat } from './types';

export const ALL_FORMATS: WireFormat[] = [
  // Each provider family adds its format here.
];

export function createSimulator(models?: string[]): ProviderSimulator {
  return new ProviderSimulator({ formats: ALL_FORMATS, ...(models ? { models } : {}) });
}

export { ProviderSimulator } from './server';
export type { Fault, FaultKind, RecordedRequest, ScriptedReply } from './types';
