import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';
import { sendAdminErrors } from './admin-errors.js';

/** POST /__admin/messages/:id/status `{status, code?}`: moves a message to that status now, with its callback. */
export function forceStatus(target: AdminTarget) {
  return (req: Request, res: Response): void => {
    const body = (req.body ?? {}) as { status?: unknown; code?: unknown };
    if (typeof body.status !== 'string' || !/^[a-z_]+$/.test(body.status)) {
      sendAdminErrors(res, 400, [
        {
          code: 'invalid-status',
          pointer: '/status',
          title: 'Invalid status',
          detail: `status must be a status name such as delivered, read or failed, got ${JSON.stringify(body.status)}`,
        },
      ]);
      return;
    }
    if (body.code !== undefined && typeof body.code !== 'string') {
      sendAdminErrors(res, 400, [
        {
          code: 'invalid-code',
          pointer: '/code',
          title: 'Invalid code',
          detail: `code must be a string, got ${JSON.stringify(body.code)}`,
        },
      ]);
      return;
    }
    const result = target.forceStatus(String(req.params.id), {
      status: body.status,
      ...(body.code !== undefined && { code: body.code }),
    });
    if (!result.ok) {
      sendAdminErrors(res, 404, [
        {
          code: 'unknown-message',
          pointer: '/id',
          title: 'Unknown message',
          detail: result.reason,
        },
      ]);
      return;
    }
    res.json(result);
  };
}
