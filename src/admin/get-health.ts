import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';

/** GET /__admin/health: liveness plus what is served and how full the journal is. */
export function getHealth(target: AdminTarget) {
  return (_req: Request, res: Response): void => {
    res.json({
      status: 'ok',
      seed: target.config.seed,
      providers: target.providers.map((p) => p.definition.id),
      journal: {
        size: target.journal.size,
        capacity: target.journal.capacity,
        recorded: target.journal.recorded,
      },
      callbacks: target.callbackStats(),
    });
  };
}
