import { isIPv4 } from 'node:net';

/** Loopback only: what a request may name as its callback target unless configured otherwise. */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = ['localhost', '127.0.0.0/8', '::1'];

const ipv4ToInt = (ip: string): number =>
  ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;

function hostMatches(host: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(pattern);
  if (cidr && isIPv4(host)) {
    const bits = Number(cidr[2]);
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (ipv4ToInt(host) & mask) === (ipv4ToInt(cidr[1]!) & mask);
  }
  return host === pattern.toLowerCase();
}

/**
 * Why a callback URL named by a request may not be used, or undefined when it may: it must be
 * http(s) and its host must match an allowlist entry (a host name, `*.suffix`, an IPv4 CIDR, or `*`).
 */
export function refuseTarget(target: string, allowedHosts: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `"${target}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `"${target}" is not an http(s) URL`;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowedHosts.some((pattern) => hostMatches(host, pattern))) return undefined;
  return `callback target host "${host}" is not allowed (callbacks.allowedHosts: ${allowedHosts.join(', ')})`;
}

/**
 * Hosts of the targets the operator configured (`callbackUrl`, each provider's `callbacks`): they
 * are trusted as given, so only targets computed from requests, inbound routing or webhooks need
 * `callbacks.allowedHosts`.
 */
export function configuredTargetHosts(targets: readonly (string | undefined)[]): string[] {
  const hosts = new Set<string>();
  for (const target of targets) {
    if (!target) continue;
    try {
      hosts.add(new URL(target).hostname.replace(/^\[|\]$/g, '').toLowerCase());
    } catch {
      // Not a URL: the dispatcher refuses it with a message naming it.
    }
  }
  return [...hosts];
}
