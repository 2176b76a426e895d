import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';
import { sendAdminErrors } from './admin-errors.js';

/** DELETE /__admin/faults: removes every scenario and admin rule (config rules stay). */
export function clearFaults(target: AdminTarget) {
  return (_req: Request, res: Response): void => {
    res.json({ removed: target.faults.clear() });
  };
}

/** DELETE /__admin/faults/:id: removes one rule. */
export function removeFault(target: AdminTarget) {
  return (req: Request, res: Response): void => {
    const id = String(req.params.id);
    if (target.faults.remove(id)) {
      res.json({ removed: 1 });
      return;
    }
    const known = target.faults
      .list()
      .filter((r) => r.source !== 'config')
      .map((r) => r.id);
    sendAdminErrors(res, 404, [
      {
        code: 'unknown-rule',
        pointer: '/id',
        title: 'Unknown rule',
        detail: `no removable rule "${id}"; rules: ${known.join(', ') || '(none)'}`,
      },
    ]);
  };
}
