import type { Response } from 'express';

/** One admin API error: what went wrong, where (JSON pointer or query parameter), and how to fix it. */
export interface AdminError {
  code: string;
  pointer: string;
  title: string;
  detail: string;
}

/** Answers `{ errors: [...] }` with `status`. */
export function sendAdminErrors(res: Response, status: number, errors: AdminError[]): void {
  res.status(status).json({ errors });
}
