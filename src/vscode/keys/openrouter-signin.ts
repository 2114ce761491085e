// byok.signInWithOpenRouter: OAuth PKCE (S256) with a one-time state, then the same check and save as Add Key.
// The browser gets only the challenge; the verifier stays in this window until the one callback that may use
// it. Nothing here logs or shows the code, the verifier or the key.
import * as vscode from 'vscode';
import * as z from 'zod';
import { redactSecrets } from '../../core/errors';
import { decideCallbackRoute, type CallbackRoute, type CallbackSetting } from '../../core/keys/callback-route';
import { parseCallbackQuery, stateFromCallbackPath } from '../../core/keys/oauth-callback';
import { authPageUrl, CALLBACK_PATH, exchangeCodeForKey } from '../../core/keys/openrouter-oauth';
import { PendingSignIns, REFUSAL_MESSAGES, SIGN_IN_EXPIRY_MS, type PendingSignIn } from '../../core/keys/pending-sign-ins';
import { startLoopbackCallback, type LoopbackCallback } from '../../core/keys/loopback-callback';
import { normalizeBaseUrl } from '../../core/providers/base-url';
import { routerPolicy } from '../policy/policy-settings';
import type { AddKeyCommand, AddKeyResult } from './add-key';
import type { KeyStore } from './key-store';
import { refuseDisabled, resolvePreset, validateName } from './save-key';

/** The command's optional argument: it can name the key and choose the callback, never the host or a code. */
export const SignInArgs = z.object({
  name: z.string().optional(),
  callback: z.enum(['uriHandler', 'loopback']).optional(),
}).strict();

/**
 * Test seams. The App, and so this object, is reachable only from the test host (the extension exports
 * nothing outside ExtensionMode.Test), so these cannot be set by another extension or a user.
 */
export interface SignInTestHooks {
  /** Where the browser would go: the exact URL string (instead of vscode.env.openExternal). */
  openExternal?: (url: string) => Thenable<boolean>;
  /** The clock pending sign-ins expire by. */
  now?: () => number;
  /** OpenRouter's host (the simulator's) instead of the preset's. */
  baseUrl?: string;
}

/** What became of one callback: the host suite and the loopback page read it. */
export interface CallbackOutcome { ok: boolean; message: string }

type Waited = { kind: 'code'; code: string } | { kind: 'refused'; message: string } | { kind: 'cancelled' } | { kind: 'expired' };

const PRESET_ID = 'openrouter';

export class OpenRouterSignIn implements vscode.Disposable {
  readonly testHooks: SignInTestHooks = {};
  private readonly signIns = new PendingSignIns(() => (this.testHooks.now ?? Date.now)(), () => SIGN_IN_EXPIRY_MS);
  private readonly waiters = new Map<string, (w: Waited) => void>();
  /** Completions of sign-ins whose callback has been accepted, so a loopback page can say how it ended. */
  private readonly completions = new Map<string, (outcome: CallbackOutcome) => void>();
  private readonly callbackHandled = new vscode.EventEmitter<CallbackOutcome>();
  readonly onDidHandleCallback = this.callbackHandled.event;

  constructor(
    private readonly addKey: AddKeyCommand,
    private readonly keys: KeyStore,
    private readonly isProviderEnabled: (presetId: string) => boolean,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  dispose(): void {
    for (const resolve of this.waiters.values()) resolve({ kind: 'cancelled' });
    this.callbackHandled.dispose();
  }

  async run(raw?: unknown): Promise<AddKeyResult | undefined> {
    const parsed = SignInArgs.safeParse(raw ?? {});
    if (!parsed.success) throw new Error(`Invalid byok.signInWithOpenRouter arguments: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ')}`);
    const args = parsed.data;
    const preset = resolvePreset(PRESET_ID);
    // Policy first: nothing is opened or sent for a provider or host the organization does not allow.
    try {
      refuseDisabled(preset, this.isProviderEnabled);
    } catch (e) {
      return this.fail((e as Error).message, 'byok.enabledProviders');
    }
    const baseUrl = normalizeBaseUrl(this.testHooks.baseUrl ?? preset.defaultBaseUrl, preset.id);
    const hostRefused = routerPolicy.hostRefusal(preset.id, baseUrl);
    if (hostRefused) return this.fail(`Cannot sign in with OpenRouter: ${hostRefused.message}.`, hostRefused.setting);

    const names = (): string[] => this.keys.list().filter((k) => k.presetId === preset.id).map((k) => k.name);
    const name = args.name !== undefined ? args.name.trim() : await vscode.window.showInputBox({
      title: 'Sign in with OpenRouter', prompt: 'A name for the key OpenRouter will create for BYOK', value: uniqueName(preset.label, names()),
      ignoreFocusOut: true, validateInput: (v) => validateName(v, names()),
    });
    if (name === undefined) return undefined;
    const nameProblem = validateName(name, names());
    if (nameProblem) throw new Error(nameProblem);

    const route = args.callback ? (args.callback === 'loopback' ? 'loopback' : 'uri-handler') : await this.chooseRoute();
    if (!route) return undefined;

    const signIn = this.signIns.start();
    let loopback: LoopbackCallback | undefined;
    try {
      let callbackUrl: string;
      if (route === 'loopback') {
        loopback = await startLoopbackCallback({
          path: `${CALLBACK_PATH}/${signIn.state}`,
          expiresInMs: SIGN_IN_EXPIRY_MS,
          onCallback: (query) => this.accept(signIn.state, parseCallbackQuery(query, 'percent-encoded')),
        });
        // In a remote window the port is forwarded to where the browser runs.
        callbackUrl = withPath(await vscode.env.asExternalUri(vscode.Uri.parse(loopback.url)), `${CALLBACK_PATH}/${signIn.state}`);
      } else {
        const own = vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: 'byok.byok', path: `${CALLBACK_PATH}/${signIn.state}` });
        // Remote and web sessions get a URL the browser can reach that leads back to this window.
        callbackUrl = (await vscode.env.asExternalUri(own)).toString(true);
      }
      this.log.info(`OpenRouter sign-in started (callback by ${route === 'loopback' ? 'loopback server' : 'URI handler'})`);
      const page = authPageUrl(baseUrl, callbackUrl, signIn.challenge);
      const opened = await (this.testHooks.openExternal ?? openInBrowser)(page);
      if (!opened) {
        this.signIns.end(signIn.state, 'cancelled');
        return undefined;
      }
      return await this.waitAndSave(signIn, name, baseUrl, route);
    } finally {
      // However it ended (including a failure before the browser opened), its link is refused from now on.
      if (this.signIns.isPending(signIn.state)) this.signIns.end(signIn.state, 'cancelled');
      loopback?.close();
    }
  }

  /** The URI handler's entry: vscode://byok.byok/openrouter/callback/<state>?code=… */
  async handleUri(uri: vscode.Uri): Promise<CallbackOutcome> {
    if (!uri.path.startsWith(CALLBACK_PATH)) {
      const message = 'BYOK does not know this link, so it did nothing.';
      void vscode.window.showWarningMessage(message);
      return { ok: false, message };
    }
    // Desktop VS Code hands over the link parsed (its query percent-decoded once); in the browser the
    // callback page rebuilds the query with URLSearchParams, so it arrives still encoded (+ as %2B).
    const encoding = vscode.env.uiKind === vscode.UIKind.Web ? 'percent-encoded' : 'decoded';
    const outcome = await this.accept(stateFromCallbackPath(uri.path, CALLBACK_PATH), parseCallbackQuery(uri.query, encoding));
    if (!outcome.ok) void vscode.window.showErrorMessage(outcome.message);
    return outcome;
  }

  /** One callback, from either route: the state must be one this window made, still pending, and not yet used. */
  private async accept(state: string | undefined, params: Record<string, string>): Promise<CallbackOutcome> {
    const taken = this.signIns.take(state);
    let outcome: CallbackOutcome;
    if (!taken.ok) {
      // An expired sign-in that still waits ends now; a wrong state leaves the real sign-in waiting.
      if (taken.reason === 'expired' && state) this.waiters.get(state)?.({ kind: 'expired' });
      outcome = { ok: false, message: REFUSAL_MESSAGES[taken.reason] };
      this.log.warn(`OpenRouter sign-in callback refused (${taken.reason})`);
    } else {
      const waiter = this.waiters.get(taken.signIn.state);
      const code = params.code;
      if (params.error !== undefined || !code) {
        const said = params.error ? ` (${redactSecrets(params.error).slice(0, 80)})` : '';
        const message = `OpenRouter did not grant access${said}, so nothing was saved.`;
        waiter?.({ kind: 'refused', message });
        outcome = { ok: false, message };
      } else if (!waiter) {
        outcome = { ok: false, message: REFUSAL_MESSAGES.cancelled };
      } else {
        const done = new Promise<CallbackOutcome>((resolve) => { this.completions.set(taken.signIn.state, resolve); });
        waiter({ kind: 'code', code });
        outcome = await done;
      }
    }
    this.callbackHandled.fire(outcome);
    return outcome;
  }

  private async waitAndSave(signIn: PendingSignIn, name: string, baseUrl: string, route: CallbackRoute): Promise<AddKeyResult | undefined> {
    const state = signIn.state;
    let settle: ((o: CallbackOutcome) => void) | undefined;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Signing in with OpenRouter', cancellable: true },
      async (progress, token) => {
        progress.report({ message: route === 'loopback' ? 'finish in your browser; it returns to a local page (up to 5 minutes)…' : 'finish in your browser; it returns to VS Code (up to 5 minutes)…' });
        const waited = await new Promise<Waited>((resolve) => {
          const timer = setTimeout(() => resolve({ kind: 'expired' }), this.signIns.remainingMs(state));
          const cancel = token.onCancellationRequested(() => resolve({ kind: 'cancelled' }));
          this.waiters.set(state, (w) => { clearTimeout(timer); cancel.dispose(); resolve(w); });
        });
        this.waiters.delete(state);
        if (waited.kind !== 'code') {
          this.signIns.end(state, waited.kind === 'expired' ? 'expired' : 'cancelled');
          return waited;
        }
        settle = this.completions.get(state);
        this.completions.delete(state);
        const secrets = [waited.code, signIn.verifier];
        try {
          progress.report({ message: 'getting your key…' });
          const key = await exchangeCodeForKey(baseUrl, { code: waited.code, verifier: signIn.verifier }, AbortSignal.any([abortOn(token), AbortSignal.timeout(60_000)]));
          secrets.push(key);
          progress.report({ message: 'checking your key…' });
          // The same validation, policy, check and save as Add Key.
          const saved = await this.addKey.run({ provider: PRESET_ID, name, apiKey: key, baseUrl });
          if (!saved) throw new Error('The key was not saved.');
          return saved;
        } catch (e) {
          return { kind: 'refused' as const, message: redactSecrets((e as Error).message ?? String(e), secrets) };
        }
      },
    );
    if ('keyId' in result) {
      settle?.({ ok: true, message: `Saved the key "${result.name}" in BYOK.` });
      const models = `${result.modelCount} model${result.modelCount === 1 ? '' : 's'} available`;
      void vscode.window.showInformationMessage(`Signed in with OpenRouter: saved the key "${result.name}" (${models}).`, 'Select Model').then((a) => a && vscode.commands.executeCommand('byok.selectModel'));
      this.log.info('OpenRouter sign-in finished: key saved');
      return result;
    }
    if (result.kind === 'cancelled') return undefined;
    const message = result.kind === 'expired' ? REFUSAL_MESSAGES.expired : result.message;
    settle?.({ ok: false, message });
    this.log.warn(`OpenRouter sign-in did not finish (${result.kind})`);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }

  /** The setting, else what the environment tells; asks when it cannot tell. */
  private async chooseRoute(): Promise<CallbackRoute | undefined> {
    const setting = vscode.workspace.getConfiguration('byok.openRouter').get<CallbackSetting>('signInCallback') ?? 'auto';
    const decision = decideCallbackRoute({
      setting: ['auto', 'uriHandler', 'loopback'].includes(setting) ? setting : 'auto',
      uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
      remoteName: vscode.env.remoteName,
      platform: process.platform,
    });
    if (decision.route !== 'ask') return decision.route;
    const picked = await vscode.window.showQuickPick(
      [
        { label: `Return to VS Code through a ${vscode.env.uriScheme}:// link`, detail: 'Works when your browser opens VS Code links (packaged installs: deb, rpm, snap).', route: 'uri-handler' as const },
        { label: 'Return through a local page (http://127.0.0.1)', detail: 'Works when the browser runs on this machine; needs nothing registered.', route: 'loopback' as const },
      ],
      { title: 'Sign in with OpenRouter', placeHolder: `How should the browser come back? (${decision.why}; set byok.openRouter.signInCallback to stop asking)`, ignoreFocusOut: true },
    );
    return picked?.route;
  }

  private fail(message: string, setting: string): undefined {
    void vscode.window.showErrorMessage(message, 'Open Settings').then((a) => a && vscode.commands.executeCommand('workbench.action.openSettings', setting));
    return undefined;
  }
}

function uniqueName(label: string, taken: string[]): string {
  const lower = taken.map((n) => n.toLowerCase());
  if (!lower.includes(label.toLowerCase())) return label;
  for (let i = 2; ; i++) if (!lower.includes(`${label} ${i}`.toLowerCase())) return `${label} ${i}`;
}

/**
 * Opens a URL in the browser exactly as written. Given a vscode.Uri, VS Code opens
 * encodeURI(uri.toString(true)): the query decoded, so the `&` and `=` escaped inside callback_url would
 * split it apart. Given a string that parses back to itself, it opens the string as it is (the extension
 * host's openUri takes `string | Uri`; the API's type names only Uri).
 */
function openInBrowser(url: string): Thenable<boolean> {
  return vscode.env.openExternal(url as unknown as vscode.Uri);
}

/**
 * A forwarded loopback URL that still ends with our path. VS Code's tunnels keep the path, but a server's
 * port proxy may answer with its prefix alone (code-server: http://host/proxy/<port>/), which would send
 * the browser to the server's root.
 */
function withPath(forwarded: vscode.Uri, path: string): string {
  if (forwarded.path.endsWith(path)) return forwarded.toString(true);
  return forwarded.with({ path: `${forwarded.path.replace(/\/+$/, '')}${path}` }).toString(true);
}

function abortOn(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
