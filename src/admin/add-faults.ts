import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';
import { sendRuleError } from './fault-errors.js';

/** POST /__admin/faults: adds one rule, or an array of rules, ahead of the config's rules. */
export function addFaults(target: AdminTarget) {
  return (req: Request, res: Response): void => {
    try {
      res.status(201).json({ rules: target.faults.addRules(req.body) });
    } catch (error) {
      sendRuleError(res, error);
    }
  };
}
