import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';

/**
 * GET /__admin/inbound: the providers that take injected customer messages, each with the schema id
 * of its input (what `POST /__admin/inbound` takes besides `provider`).
 */
export function listInboundInputs(target: AdminTarget) {
  return (_req: Request, res: Response): void => {
    res.json({
      inputs: target.providers.flatMap((p) =>
        p.definition.inbound
          ? [{ provider: p.definition.id, schema: p.definition.inbound.schema }]
          : [],
      ),
    });
  };
}
