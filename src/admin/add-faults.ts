import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';
import { sendAdminErrors } from './admin-errors.js';
import { refuseAdminDocument } from './check-admin-document.js';
import { sendRuleError } from './fault-errors.js';

/** POST /__admin/faults: adds one rule, or an array of rules, ahead of the config's rules. */
export function addFaults(target: AdminTarget) {
  return (req: Request, res: Response): void => {
    const refusal = refuseAdminDocument(req.body, target.config.limits);
    if (refusal) {
      sendAdminErrors(res, 400, [refusal]);
      return;
    }
    try {
      res.status(201).json({ rules: target.faults.addRules(req.body) });
    } catch (error) {
      sendRuleError(res, error);
    }
  };
}
