// The instruction box: type a new instruction or pick one of the recent ones (kept per user, newest first).
import * as vscode from 'vscode';
import * as z from 'zod';

const RECENT_KEY = 'byok.edit.recentInstructions';
const MAX_RECENT = 12;

export function recentInstructions(state: vscode.Memento): string[] {
  const parsed = z.array(z.string()).safeParse(state.get<unknown>(RECENT_KEY) ?? []);
  return parsed.success ? parsed.data.slice(0, MAX_RECENT) : [];
}

export async function rememberInstruction(state: vscode.Memento, instruction: string): Promise<void> {
  const rest = recentInstructions(state).filter((i) => i !== instruction);
  await state.update(RECENT_KEY, [instruction, ...rest].slice(0, MAX_RECENT));
}

/** Asks for an instruction. Undefined when dismissed. */
export function askInstruction(recent: string[], prefill = ''): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick();
  pick.title = 'BYOK: Edit Selection';
  pick.placeholder = 'Describe the change (Enter to send; pick a recent instruction below)';
  pick.value = prefill;
  // What is typed is always the first item (Enter sends it); recent instructions follow, filtered by it.
  const items = (value: string): vscode.QuickPickItem[] => [
    ...(value.trim() ? [{ label: value.trim(), description: 'new instruction' }] : []),
    ...recent.filter((r) => r !== value.trim()).map((label) => ({ label, description: 'recent' })),
  ];
  pick.items = items(prefill);
  pick.onDidChangeValue((value) => { pick.items = items(value); });
  return new Promise((resolve) => {
    let done = false;
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0]?.label ?? pick.value.trim();
      done = true;
      resolve(chosen || undefined);
      pick.hide();
    });
    pick.onDidHide(() => { if (!done) resolve(undefined); pick.dispose(); });
    pick.show();
  });
}
