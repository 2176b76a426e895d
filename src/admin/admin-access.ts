import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendAdminErrors } from './admin-errors.js';

/** Who may reach the admin API: its token and the `Host` names it answers. */
export interface AdminAccess {
  /** The bearer token asked of every admin request; undefined asks none. */
  token?: string;
  /** The interface the simulator listens on (answered as a `Host` unless it is a wildcard). */
  host: string;
  /** Further `Host` names answered (the machine's name when bound to `0.0.0.0`). */
  allowedHosts?: readonly string[];
}

/** Whether `host` (a name or address, no port) is the local machine's loopback. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name === '::ffff:127.0.0.1';
}

/** The host part of a `Host` header (`[::1]:4010` gives `::1`, `example:80` gives `example`). */
function hostName(header: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(header);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return header.replace(/:\d+$/, '').toLowerCase();
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** Whether a request naming `header` as its `Host` may use the admin API (DNS rebinding guard). */
export function isAllowedHost(header: string | undefined, access: AdminAccess): boolean {
  if (header === undefined) return false;
  const name = hostName(header);
  if (isLoopbackHost(name)) return true;
  const configured = access.host.toLowerCase().replace(/^\[|\]$/g, '');
  if (!WILDCARDS.has(configured) && name === configured) return true;
  return (access.allowedHosts ?? []).some((allowed) => allowed.toLowerCase() === name);
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Compares in constant time (hashes first, so lengths leak nothing either). */
function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token a request presents: the bearer header, or `?token=` on the event stream only. */
function presentedToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const bearer = header === undefined ? undefined : /^Bearer\s+(.+)$/i.exec(header.trim())?.[1];
  if (bearer !== undefined) return bearer;
  // EventSource cannot set headers; the stream alone reads the token from its URL.
  if (req.method === 'GET' && req.path === '/events' && typeof req.query.token === 'string')
    return req.query.token;
  return undefined;
}

/** The inbox page and its scripts are public (they hold no data); the page then asks for the token. */
const isUiAsset = (req: Request): boolean =>
  (req.method === 'GET' || req.method === 'HEAD') && /^\/ui(\/|$)/.test(req.path);

/**
 * Guards the admin router: a `Host` that is not loopback, the configured host or an allowed one is
 * refused with 403; with a token configured, a request without it (the inbox assets excepted) with 401.
 */
export function guardAdminAccess(access: AdminAccess): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!isAllowedHost(req.get('host'), access)) {
      sendAdminErrors(res, 403, [
        {
          code: 'forbidden-host',
          pointer: '/headers/host',
          title: 'Host not allowed',
          detail: `the admin API answers only loopback names, the configured host or admin.allowedHosts; got Host "${req.get('host') ?? ''}"`,
        },
      ]);
      return;
    }
    if (access.token === undefined || isUiAsset(req)) {
      next();
      return;
    }
    const given = presentedToken(req);
    if (given !== undefined && sameToken(given, access.token)) {
      next();
      return;
    }
    res.set('www-authenticate', 'Bearer realm="provider-sim admin"');
    sendAdminErrors(res, 401, [
      {
        code: given === undefined ? 'missing-admin-token' : 'wrong-admin-token',
        pointer: '/headers/authorization',
        title: 'Admin token required',
        detail:
          given === undefined
            ? 'send the admin token (--admin-token / PROVIDER_SIM_ADMIN_TOKEN) as "Authorization: Bearer <token>"'
            : 'the admin token sent does not match --admin-token / PROVIDER_SIM_ADMIN_TOKEN',
      },
    ]);
  };
}
