// Context keys the Get Started walkthrough completes its steps on (`onContext:byok.hasKeys`, …).
// They follow the key store and the chat selection, so a step ticks when the user really did it
// (a key saved and checked, a model chosen), not merely when a button was clicked.
import * as vscode from 'vscode';
import type { KeyStore } from '../keys/key-store';
import type { ModelSelection } from '../models/selection';

export interface WalkthroughContextValues {
  'byok.hasKeys': boolean;
  'byok.hasChatModel': boolean;
}

export class WalkthroughContext implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private last: Partial<WalkthroughContextValues> = {};

  constructor(private readonly keys: KeyStore, private readonly selection: ModelSelection) {
    this.subscriptions = [keys.onDidChange(() => this.update()), selection.onDidChange(() => this.update())];
    // The first update is the App's to schedule (right after the command that loaded it has run).
  }

  /** What was last set (the host tests read it; VS Code offers no API to read a context key back). */
  values(): Partial<WalkthroughContextValues> {
    return { ...this.last };
  }

  update(): void {
    const next: WalkthroughContextValues = {
      'byok.hasKeys': this.keys.list().length > 0,
      // An external (vscode.lm) model chosen in the picker counts too: the chat can answer.
      'byok.hasChatModel': ['byok', 'external'].includes(this.selection.current('chat').kind),
    };
    for (const [name, value] of Object.entries(next) as [keyof WalkthroughContextValues, boolean][]) {
      if (this.last[name] === value) continue;
      this.last[name] = value;
      void vscode.commands.executeCommand('setContext', name, value);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
