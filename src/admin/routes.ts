import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { AdminTarget } from './admin-target.js';
import { sendAdminErrors } from './admin-errors.js';
import { clearJournal } from './clear-journal.js';
import { findRequests } from './find-requests.js';
import { getHealth } from './get-health.js';
import { getMetrics } from './get-metrics.js';
import { getUnmatchedRequests } from './get-unmatched-requests.js';
import { listProviders } from './list-providers.js';
import { postInbound } from './post-inbound.js';
import { forceStatus } from './force-status.js';
import { streamEvents } from './stream-events.js';
import { addFaults } from './add-faults.js';
import { clearFaults, removeFault } from './clear-faults.js';
import { listFaults } from './list-faults.js';
import { loadScenario, unloadScenario } from './load-scenario.js';
import { reset } from './reset.js';
import { listInboundInputs } from './list-inbound-inputs.js';
import { serveUiAsset } from './serve-ui-asset.js';
import { guardAdminAccess } from './admin-access.js';
import { readAdminJson, requireJsonBody, unwrapYamlScenario } from './require-json.js';

type Handler = (target: AdminTarget) => (req: Request, res: Response) => void;

/** The admin API, one row per operation (paths below `/__admin`). */
export const ADMIN_ROUTES: readonly {
  method: 'get' | 'post' | 'delete';
  path: string;
  handler: Handler;
}[] = [
  { method: 'get', path: '/health', handler: getHealth },
  { method: 'get', path: '/metrics', handler: getMetrics },
  { method: 'get', path: '/journal', handler: findRequests },
  { method: 'delete', path: '/journal', handler: clearJournal },
  { method: 'get', path: '/requests/unmatched', handler: getUnmatchedRequests },
  { method: 'post', path: '/reset', handler: reset },
  { method: 'get', path: '/providers', handler: listProviders },
  { method: 'get', path: '/inbound', handler: listInboundInputs },
  { method: 'post', path: '/inbound', handler: postInbound },
  { method: 'post', path: '/messages/:id/status', handler: forceStatus },
  { method: 'get', path: '/events', handler: streamEvents },
  { method: 'get', path: '/faults', handler: listFaults },
  { method: 'post', path: '/faults', handler: addFaults },
  { method: 'delete', path: '/faults', handler: clearFaults },
  { method: 'delete', path: '/faults/:id', handler: removeFault },
  { method: 'post', path: '/scenarios', handler: loadScenario },
  { method: 'delete', path: '/scenarios/:name', handler: unloadScenario },
  { method: 'get', path: '/ui{/*path}', handler: serveUiAsset },
];

/** Builds the admin router for `target`. */
export function createAdminRouter(target: AdminTarget): Router {
  const router = Router();
  // Access first: a stranger's request is refused before its body is read.
  router.use(
    guardAdminAccess({
      host: target.config.host,
      ...(target.config.admin?.token !== undefined && { token: target.config.admin.token }),
      ...(target.config.admin?.allowedHosts && { allowedHosts: target.config.admin.allowedHosts }),
    }),
  );
  router.use(requireJsonBody());
  router.use(readAdminJson(target.config.bodyLimitBytes, target.config.limits));
  router.use(
    express.text({
      limit: target.config.bodyLimitBytes,
      type: ['application/yaml', 'application/x-yaml', 'text/yaml'],
    }),
  );
  router.post('/scenarios', unwrapYamlScenario());
  for (const route of ADMIN_ROUTES) router[route.method](route.path, route.handler(target));
  router.use((req: Request, res: Response) => {
    const known = ADMIN_ROUTES.map((r) => `${r.method.toUpperCase()} /__admin${r.path}`).join(', ');
    sendAdminErrors(res, 404, [
      {
        code: 'not-found',
        pointer: '/path',
        title: 'Unknown admin operation',
        detail: `${req.method} /__admin${req.path} does not exist; available: ${known}`,
      },
    ]);
  });
  router.use(
    (
      error: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
      const code =
        error.type === 'entity.parse.failed'
          ? 'malformed-json'
          : status === 413
            ? 'body-too-large'
            : 'admin-error';
      sendAdminErrors(res, status, [
        { code, pointer: '/body', title: 'Admin request failed', detail: error.message },
      ]);
    },
  );
  return router;
}
