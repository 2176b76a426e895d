import type { Request, Response } from 'express';
import type { AdminTarget } from './admin-target.js';
import { sendAdminErrors } from './admin-errors.js';
import { sendRuleError } from './fault-errors.js';
import { parseAdminYaml, refuseAdminDocument } from './check-admin-document.js';

/** POST /__admin/scenarios: loads a scenario (JSON, or YAML text), replacing one of the same name. */
export function loadScenario(target: AdminTarget) {
  return (req: Request, res: Response): void => {
    const limits = target.config.limits;
    let document: unknown = req.body;
    if (typeof req.body === 'string') {
      const parsed = parseAdminYaml(req.body, limits);
      if (!parsed.ok) {
        sendAdminErrors(res, 400, [parsed.error]);
        return;
      }
      document = parsed.document;
    }
    // Refused before any rule is checked: a hostile document costs one bounded walk.
    const refusal = refuseAdminDocument(document, limits);
    if (refusal) {
      sendAdminErrors(res, 400, [refusal]);
      return;
    }
    try {
      res.status(201).json(target.faults.loadScenario(document));
    } catch (error) {
      sendRuleError(res, error);
    }
  };
}

/** DELETE /__admin/scenarios/:name: unloads one scenario's rules. */
export function unloadScenario(target: AdminTarget) {
  return (req: Request, res: Response): void => {
    const name = String(req.params.name);
    const removed = target.faults.clear(name);
    if (removed > 0) {
      res.json({ removed });
      return;
    }
    sendAdminErrors(res, 404, [
      {
        code: 'unknown-scenario',
        pointer: '/name',
        title: 'Unknown scenario',
        detail: `no scenario "${name}" is loaded; loaded: ${target.faults.scenarios().join(', ') || '(none)'}`,
      },
    ]);
  };
}
