import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';

/** GET /__admin/requests/unmatched: requests no route took, each with the closest routes and why they missed. */
export function getUnmatchedRequests(target: AdminTarget) {
  return (_req: Request, res: Response): void => {
    const requests = target.journal.list({ outcome: 'unmatched' }).map((e) => ({
      id: e.id,
      receivedAt: e.receivedAt,
      provider: e.provider,
      method: e.request.method,
      path: e.request.path,
      status: e.response?.status,
      explanation: e.subEvents.find((s) => s.type === 'request-not-matched') ?? null,
    }));
    res.json({ total: requests.length, requests });
  };
}
