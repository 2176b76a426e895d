import type { Response } from 'express';
import { SimError } from '../engine/errors.js';
import { sendAdminErrors } from './admin-errors.js';

/** Answers a rejected rule or scenario with the field it names (400), or rethrows anything else. */
export function sendRuleError(res: Response, error: unknown): void {
  if (!(error instanceof SimError)) throw error;
  sendAdminErrors(res, 400, [
    {
      code: error.code,
      pointer: error.pointer,
      title: 'Invalid fault rule',
      detail: `${error.message} (the running rules are unchanged)`,
    },
  ]);
}
