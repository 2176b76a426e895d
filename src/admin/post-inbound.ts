import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';
import { sendAdminErrors } from './admin-errors.js';

/** POST /__admin/inbound: a customer writes to the business; the provider's inbound callback goes out. */
export function postInbound(target: AdminTarget) {
  return (req: Request, res: Response): void => {
    const result = target.inbound(req.body);
    if (!result.ok) {
      sendAdminErrors(
        res,
        result.status,
        result.problems.map((p) => ({
          code: 'invalid-inbound',
          pointer: p.pointer,
          title: 'Invalid inbound message',
          detail: p.detail,
        })),
      );
      return;
    }
    res.status(202).json(result);
  };
}
