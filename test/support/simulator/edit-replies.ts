// Scripted answers to Edit Selection requests (set them with ProviderSimulator.setReply or POST /__sim/reply):
// a clean rewrite in one fenced block, one that rambles around its block, one with no code at all, and a slow
// stream for the cancel tests.
import type { ScriptedReply } from './types';

export const editReplies = {
  rewrite(code: string, language = 'ts'): ScriptedReply {
    return { text: `\`\`\`${language}\n${code}\n\`\`\``, chunkChars: 7, usage: { input: 321, output: 45 } };
  },
  rambling(code: string, language = 'ts'): ScriptedReply {
    return {
      text: `Sure! Here is the improved version of your code, with clearer names.\n\n\`\`\`${language}\n${code}\n\`\`\`\n\nI renamed the variables and kept the behaviour the same. Let me know if you need anything else!`,
      chunkChars: 9, usage: { input: 330, output: 80 },
    };
  },
  noCode(): ScriptedReply {
    return { text: 'This code already does what you describe, so there is nothing to change. You might add a test for it instead.', usage: { input: 300, output: 25 } };
  },
  /** Plain code (no fence) that stops at the output limit: its missing tail must not become deletions. */
  cutOff(code: string): ScriptedReply {
    return { text: code, finish: 'length', usage: { input: 300, output: 16384 } };
  },
  slow(code: string, language = 'ts'): ScriptedReply {
    return { text: `\`\`\`${language}\n${code}\n\`\`\``, chunkChars: 2, frameDelayMs: 40, usage: { input: 300, output: 500 } };
  },
};
