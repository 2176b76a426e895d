import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';

/** POST /__admin/reset: clears the journal and pending callbacks and restarts the seeded random streams. */
export function reset(target: AdminTarget) {
  return (_req: Request, res: Response): void => {
    target.reset();
    res.json({ reset: true, seed: target.config.seed });
  };
}
