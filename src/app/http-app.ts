import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { createAdminRouter } from '../admin/routes.js';
import type { AdminTarget } from '../admin/admin-target.js';
import type { Engine } from '../engine/engine.js';
import { serveRequest } from '../engine/pipeline.js';
import { serveUnmatched } from '../engine/unmatched-pipeline.js';

/**
 * The express app: provider requests (when the app is mounted elsewhere), a redirect to the inbox,
 * the admin API, and the unmatched-request answer.
 */
export function createHttpApp(engine: Engine, admin: AdminTarget): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req: Request, res: Response, next: NextFunction) =>
    serveRequest(engine.services, req, res, next),
  );
  app.get('/', (_req: Request, res: Response) => res.redirect(302, '/__admin/ui/'));
  app.use('/__admin', createAdminRouter(admin));
  app.use((req: Request, res: Response) => serveUnmatched(engine.services, req, res));
  return app;
}
