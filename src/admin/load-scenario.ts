import type { Request, Response } from 'express';
import { parse as parseYaml } from 'yaml';
import type { AdminTarget } from './admin-target.js';
import { sendAdminErrors } from './admin-errors.js';
import { sendRuleError } from './fault-errors.js';

/** POST /__admin/scenarios: loads a scenario (JSON, or YAML text), replacing one of the same name. */
export function loadScenario(target: AdminTarget) {
  return (req: Request, res: Response): void => {
    let document: unknown = req.body;
    if (typeof req.body === 'string') {
      try {
        document = parseYaml(req.body);
      } catch (error) {
        sendAdminErrors(res, 400, [
          {
            code: 'malformed-yaml',
            pointer: '/body',
            title: 'Scenario is not valid YAML',
            detail: (error as Error).message,
          },
        ]);
        return;
      }
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
