// Where an OAuth callback can come back to. The URI handler (vscode://byok.byok/…, through
// vscode.env.asExternalUri) reaches this window in local, remote and web sessions alike, but only when the
// operating system sends the editor's scheme to this editor. A loopback server (http://127.0.0.1:<port>)
// needs nothing from the OS, but a browser on another machine cannot reach it without port forwarding.

export type CallbackRoute = 'uri-handler' | 'loopback';
/** The `byok.openRouter.signInCallback` setting. */
export type CallbackSetting = 'auto' | 'uriHandler' | 'loopback';

export interface CallbackEnvironment {
  setting: CallbackSetting;
  uiKind: 'desktop' | 'web';
  /** vscode.env.remoteName: undefined in a local window. */
  remoteName: string | undefined;
  /** The platform of the machine the UI runs on, when the window is local. */
  platform: string;
}

export type CallbackDecision = { route: CallbackRoute; why: string } | { route: 'ask'; why: string };

export function decideCallbackRoute(env: CallbackEnvironment): CallbackDecision {
  if (env.setting === 'uriHandler') return { route: 'uri-handler', why: 'chosen in byok.openRouter.signInCallback' };
  if (env.setting === 'loopback') return { route: 'loopback', why: 'chosen in byok.openRouter.signInCallback' };
  // In the browser the tab itself is the editor: asExternalUri gives a callback page on the same server.
  if (env.uiKind === 'web') return { route: 'uri-handler', why: 'VS Code runs in the browser' };
  // The local editor owns the scheme; a loopback port on the remote machine is what the browser cannot see.
  if (env.remoteName) return { route: 'uri-handler', why: `a remote window (${env.remoteName})` };
  // The Windows and macOS installers register the scheme with the operating system.
  if (env.platform === 'win32' || env.platform === 'darwin') return { route: 'uri-handler', why: 'the installer registers the vscode:// scheme' };
  // On Linux only packaged installs (deb, rpm, snap, flatpak) register it; an archive or a build does not.
  return { route: 'ask', why: 'on Linux VS Code links open this window only if your install registered them' };
}
