import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';
import { sendAdminErrors } from './admin-errors.js';

/** GET /__admin/metrics: Prometheus text of this instance (and of every live replica with Redis). */
export function getMetrics(target: AdminTarget) {
  return (_req: Request, res: Response): void => {
    target
      .metrics()
      .then(({ contentType, text }) => {
        res.setHeader('content-type', contentType);
        res.end(text);
      })
      .catch((error: Error) =>
        sendAdminErrors(res, 500, [
          { code: 'metrics-failed', pointer: '/', title: 'metrics failed', detail: error.message },
        ]),
      );
  };
}
