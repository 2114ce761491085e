// Which hosts a key may be sent to, as the organization decides: byok.allowCustomHosts and byok.allowedHosts.
//
// - allowedHosts (patterns over `host[:port]`, `*` any run of characters): when set, it is the complete list,
//   presets' own hosts included, so an organization can pin everyone to its team gateway.
// - allowCustomHosts: false means only the presets' own hosts (default host, listed alternates, and the
//   host patterns a preset declares, e.g. Azure's `*.openai.azure.com`), plus anything allowedHosts names.
// Fail closed: allowCustomHosts of the wrong type counts as false; allowedHosts of the wrong type allows no host.
import * as z from 'zod';
import { findPreset } from '../providers/presets';
import { globToRegExp } from '../catalog/policy';

export interface HostPolicy {
  allowCustomHosts: boolean;
  allowedHosts: string[];
  /** allowedHosts had a value that is not a list: every host is refused until fixed. */
  blocked: boolean;
  problems: string[];
}

export interface HostRefusal {
  setting: 'byok.allowCustomHosts' | 'byok.allowedHosts';
  message: string;
}

const List = z.union([z.string(), z.array(z.unknown())]);

export function parseHostPolicy(raw: { allowCustomHosts?: unknown; allowedHosts?: unknown }): HostPolicy {
  const problems: string[] = [];
  let allowCustomHosts = true;
  if (raw.allowCustomHosts !== undefined && raw.allowCustomHosts !== null) {
    if (typeof raw.allowCustomHosts === 'boolean') allowCustomHosts = raw.allowCustomHosts;
    else { allowCustomHosts = false; problems.push('byok.allowCustomHosts must be true or false; custom hosts are refused until it is fixed.'); }
  }
  const allowedHosts: string[] = [];
  let blocked = false;
  if (raw.allowedHosts !== undefined && raw.allowedHosts !== null) {
    const parsed = List.safeParse(raw.allowedHosts);
    if (!parsed.success) { blocked = true; problems.push('byok.allowedHosts must be a list of host patterns; every host is refused until it is fixed.'); }
    else {
      for (const item of typeof parsed.data === 'string' ? [parsed.data] : parsed.data) {
        if (typeof item !== 'string') { problems.push('byok.allowedHosts has an entry that is not text; ignored.'); continue; }
        const p = item.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
        if (p) allowedHosts.push(p);
      }
    }
  }
  return { allowCustomHosts, allowedHosts, blocked, problems };
}

/** `host[:port]` of a URL, lower-cased; undefined when it is not a URL. */
export function hostOf(url: string): string | undefined {
  try {
    const host = new URL(url).host.toLowerCase();
    return host || undefined;
  } catch {
    return undefined;
  }
}

function hostMatches(host: string, pattern: string): boolean {
  // A pattern without a port matches the host on any port; with one, only that port.
  return globToRegExp(pattern).test(host) || (!pattern.includes(':') && globToRegExp(pattern).test(host.replace(/:\d+$/, '')));
}

/** Whether a host is one the preset itself ships (its default, listed alternates, or declared patterns). */
export function isPresetHost(presetId: string, host: string): boolean {
  const preset = findPreset(presetId);
  if (!preset) return false;
  const own = [preset.defaultBaseUrl, ...(preset.alternateBaseUrls ?? []).map((a) => a.url)].map(hostOf).filter((h): h is string => !!h);
  return own.includes(host) || (preset.hostPatterns ?? []).some((p) => hostMatches(host, p));
}

export function hostRefusal(presetId: string, baseUrl: string, policy: HostPolicy): HostRefusal | undefined {
  const host = hostOf(baseUrl);
  if (policy.blocked) return { setting: 'byok.allowedHosts', message: 'byok.allowedHosts has a value of the wrong type, so your organization\'s policy refuses every host until it is fixed' };
  if (!host) return { setting: 'byok.allowedHosts', message: `"${baseUrl}" is not a host address` };
  if (policy.allowedHosts.length > 0) {
    if (policy.allowedHosts.some((p) => hostMatches(host, p))) return undefined;
    return { setting: 'byok.allowedHosts', message: `${host} is not among the hosts your organization allows (byok.allowedHosts: ${policy.allowedHosts.join(', ')})` };
  }
  if (!policy.allowCustomHosts && !isPresetHost(presetId, host)) {
    return { setting: 'byok.allowCustomHosts', message: `${host} is a custom host, and your organization allows only the providers' own hosts (byok.allowCustomHosts is off)` };
  }
  return undefined;
}
