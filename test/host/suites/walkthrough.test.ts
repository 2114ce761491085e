import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AddKeyResult } from '../../../src/vscode/keys/add-key';
import { byok, eventually, sim, simulatorUrl } from '../support';

interface Step { id: string; title: string; description: string; media: { svg?: string; altText?: string }; completionEvents?: string[] }
interface Walkthrough { id: string; title: string; steps: Step[] }

const ext = (): vscode.Extension<unknown> => {
  const e = vscode.extensions.getExtension('byok.byok');
  assert.ok(e);
  return e;
};
const contributes = (): { walkthroughs: Walkthrough[]; commands: { command: string }[] } =>
  (ext().packageJSON as { contributes: { walkthroughs: Walkthrough[]; commands: { command: string }[] } }).contributes;

suite('Get Started walkthrough', () => {
  test('five steps, in order, each with a button that runs a real command and an event that completes it', async () => {
    const [walk] = contributes().walkthroughs;
    assert.ok(walk, 'a walkthrough is contributed');
    assert.deepEqual(walk.steps.map((s) => s.id), ['addKey', 'chooseModel', 'openChat', 'inline', 'usage']);
    const registered = new Set(await vscode.commands.getCommands(true));
    const declared = new Set(contributes().commands.map((c) => c.command));
    for (const step of walk.steps) {
      const links = [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]!);
      assert.ok(links.length > 0, `${step.id} has a button`);
      for (const id of links) {
        assert.ok(declared.has(id), `${step.id}: ${id} is a contributed command`);
        assert.ok(registered.has(id), `${step.id}: ${id} is registered`);
      }
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id} completes on an event, not on a click alone`);
      for (const event of step.completionEvents ?? []) assert.match(event, /^(onContext|onView|onSettingChanged|onCommand):byok\.[\w.]+$/);
      assert.ok(step.media.altText && step.media.altText.length > 10, `${step.id} describes its picture`);
    }
  });

  test('its pictures follow the theme: every colour is a theme variable', () => {
    for (const step of contributes().walkthroughs[0]!.steps) {
      const file = join(ext().extensionPath, step.media.svg ?? '');
      assert.ok(step.media.svg && existsSync(file), `${step.id}: ${step.media.svg} is shipped`);
      const svg = readFileSync(file, 'utf8');
      const colours = [...svg.matchAll(/(?:fill|stroke)="([^"]*)"/g)].map((m) => m[1]!);
      assert.ok(colours.length > 3, `${step.id} draws something`);
      const fixed = colours.filter((c) => c !== 'none' && !/^var\(--vscode-[\w-]+(?:, *(?:var\(--vscode-[\w-]+(?:, *[\w-]+)?\)|[\w-]+))?\)$/.test(c));
      assert.deepEqual(fixed, [], `${step.id} uses only theme colours`);
    }
  });

  test('the key and model steps tick only when a key is saved and a model chosen, and untick when the key goes', async () => {
    const { app } = await byok();
    const before = app.keys.list().length;
    await sim('reset', {});
    const key = await vscode.commands.executeCommand<AddKeyResult>('byok.addKey', { provider: 'openai-compatible', name: 'walkthrough', apiKey: 'sk-fake-walk-1', baseUrl: `${simulatorUrl()}/v1` });
    try {
      await eventually(() => app.walkthrough.values()['byok.hasKeys'] === true || undefined, 'byok.hasKeys after a key is saved');
      const model = await eventually(() => app.catalog.models().find((m) => m.id === `${key.keyId}/sim-model-1`), 'the key\'s models');
      await app.selection.choose('chat', { byok: model });
      await eventually(() => app.walkthrough.values()['byok.hasChatModel'] === true || undefined, 'byok.hasChatModel after a model is chosen');
    } finally {
      await app.keys.remove(key.keyId);
    }
    // The chosen model's key is gone: no chat model (no silent fallback), and no key if none was there before.
    await eventually(() => app.walkthrough.values()['byok.hasChatModel'] === false || undefined, 'byok.hasChatModel false once the key is removed');
    if (before === 0) await eventually(() => app.walkthrough.values()['byok.hasKeys'] === false || undefined, 'byok.hasKeys false with no key');
  });

  test('the walkthrough opens from its command', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'byok.byok#getStarted', false);
    await eventually(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /Welcome|Walkthrough|Get started/i.test(t.label)), 'the walkthrough tab');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

suite('Add Key points OpenRouter users to the browser sign-in', () => {
  const labelsOfAddKey = async (): Promise<string[]> => {
    const original = vscode.window.showQuickPick;
    let labels: string[] = [];
    (vscode.window as { showQuickPick: unknown }).showQuickPick = (items: readonly vscode.QuickPickItem[]) => { labels = items.map((i) => i.label); return Promise.resolve(undefined); };
    try {
      await vscode.commands.executeCommand('byok.addKey');
    } finally {
      (vscode.window as { showQuickPick: unknown }).showQuickPick = original;
    }
    return labels;
  };

  test('the provider list offers "sign in with your browser" right under OpenRouter', async () => {
    const labels = await labelsOfAddKey();
    const at = labels.indexOf('OpenRouter');
    assert.ok(at >= 0);
    assert.equal(labels[at + 1], '$(sign-in) OpenRouter: sign in with your browser');
    assert.equal(labels.filter((l) => l.includes('sign in with your browser')).length, 1, 'only hosts that can hand a key over offer it');
  });

  test('not when the organization disables OpenRouter', async () => {
    const config = vscode.workspace.getConfiguration('byok');
    const before = config.inspect('enabledProviders')?.globalValue;
    await config.update('enabledProviders', ['openai', 'anthropic'], vscode.ConfigurationTarget.Global);
    try {
      const labels = await labelsOfAddKey();
      assert.ok(labels.includes('OpenRouter'), 'the row stays, marked as disabled');
      assert.ok(!labels.some((l) => l.includes('sign in with your browser')));
    } finally {
      await config.update('enabledProviders', before, vscode.ConfigurationTarget.Global);
    }
  });
});
