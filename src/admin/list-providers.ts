import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';

/** GET /__admin/providers: each provider's URLs, credentials, callback targets and catalog (statuses, failure codes, inbound forms). */
export function listProviders(target: AdminTarget) {
  return (_req: Request, res: Response): void => {
    res.json({ providers: target.describe() });
  };
}
