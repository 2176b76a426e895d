import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';

/** GET /__admin/faults: every rule in the order tried, as a sentence and as written, with its counters. */
export function listFaults(target: AdminTarget) {
  return (_req: Request, res: Response): void => {
    res.json({ rules: target.faults.list(), scenarios: target.faults.scenarios() });
  };
}
