import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';

/** DELETE /__admin/journal: forgets every recorded request. */
export function clearJournal(target: AdminTarget) {
  return (_req: Request, res: Response): void => {
    const cleared = target.journal.size;
    target.journal.clear();
    res.json({ cleared });
  };
}
