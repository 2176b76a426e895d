import type { Request, Response } from 'express';
import type { JournalQuery } from '../engine/journal/query.js';
import type { AdminTarget } from './admin-target.js';
import { sendAdminErrors, type AdminError } from './admin-errors.js';

const OUTCOMES = ['accepted', 'rejected', 'fault', 'unmatched'] as const;
const KNOWN = new Set(['provider', 'route', 'recipient', 'messageId', 'outcome', 'after', 'limit']);

/** Reads and checks journal filters from the query string; errors name the parameter. */
export function parseJournalQuery(
  query: Record<string, unknown>,
  providers: readonly string[],
): { query: JournalQuery } | { errors: AdminError[] } {
  const errors: AdminError[] = [];
  const out: JournalQuery = {};
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') {
      errors.push({
        code: 'invalid-parameter',
        pointer: name,
        title: 'Invalid query parameter',
        detail: `${name} must be a single non-empty value`,
      });
      return undefined;
    }
    return value;
  };
  for (const name of Object.keys(query)) {
    if (!KNOWN.has(name)) {
      errors.push({
        code: 'unknown-parameter',
        pointer: name,
        title: 'Unknown query parameter',
        detail: `${name} is not a journal filter; use ${[...KNOWN].join(', ')}`,
      });
    }
  }
  const provider = text('provider');
  if (provider !== undefined) {
    if (!providers.includes(provider)) {
      errors.push({
        code: 'unknown-provider',
        pointer: 'provider',
        title: 'Unknown provider',
        detail: `provider "${provider}" is not served; served: ${providers.join(', ')}`,
      });
    }
    out.provider = provider;
  }
  const route = text('route');
  if (route !== undefined) out.route = route;
  const recipient = text('recipient');
  if (recipient !== undefined) out.recipient = recipient;
  const messageId = text('messageId');
  if (messageId !== undefined) out.messageId = messageId;
  const outcome = text('outcome');
  if (outcome !== undefined) {
    if (!(OUTCOMES as readonly string[]).includes(outcome)) {
      errors.push({
        code: 'invalid-parameter',
        pointer: 'outcome',
        title: 'Invalid query parameter',
        detail: `outcome must be one of ${OUTCOMES.join(', ')}, got "${outcome}"`,
      });
    }
    out.outcome = outcome as JournalQuery['outcome'];
  }
  const after = text('after');
  if (after !== undefined) {
    const n = Number(after);
    if (!Number.isInteger(n) || n < 0) {
      errors.push({
        code: 'invalid-parameter',
        pointer: 'after',
        title: 'Invalid query parameter',
        detail: `after must be a journal seq (a whole number), got "${after}"`,
      });
    }
    out.after = n;
  }
  const limit = text('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1) {
      errors.push({
        code: 'invalid-parameter',
        pointer: 'limit',
        title: 'Invalid query parameter',
        detail: `limit must be a whole number of at least 1, got "${limit}"`,
      });
    }
    out.limit = n;
  }
  return errors.length > 0 ? { errors } : { query: out };
}

/** GET /__admin/journal: recorded requests, oldest first, filtered by the query string. */
export function findRequests(target: AdminTarget) {
  return (req: Request, res: Response): void => {
    const parsed = parseJournalQuery(
      req.query,
      target.providers.map((p) => p.definition.id),
    );
    if ('errors' in parsed) {
      sendAdminErrors(res, 400, parsed.errors);
      return;
    }
    const requests = target.journal.list(parsed.query);
    res.json({ total: requests.length, requests });
  };
}
