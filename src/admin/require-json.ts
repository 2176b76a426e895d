import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { sendAdminErrors, type AdminError } from './admin-errors.js';
import { refuseAdminJson, type AdminBodyLimits } from './check-admin-document.js';

/** The custom header that lets a scenario come as YAML text (a browser must ask before sending it). */
export const YAML_OPT_IN_HEADER = 'x-provider-sim';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

const mediaType = (req: Request): string =>
  (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * Refuses (415) a state-changing admin request that is not `application/json`, so a cross-site form
 * or text/plain POST changes nothing: browsers send those without asking, but never JSON. A DELETE
 * without a body passes (a page cannot send one cross-site without a preflight, which is never
 * granted); YAML scenarios pass with the `x-provider-sim` header, which forces a preflight as well.
 */
export function requireJsonBody(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') {
      next();
      return;
    }
    const type = mediaType(req);
    const hasBody =
      req.get('content-length') !== undefined && req.get('content-length') !== '0'
        ? true
        : req.get('transfer-encoding') !== undefined;
    if (type === 'application/json' || (req.method === 'DELETE' && !hasBody && type === '')) {
      next();
      return;
    }
    if (
      req.method === 'POST' &&
      req.path === '/scenarios' &&
      YAML_TYPES.includes(type) &&
      req.get(YAML_OPT_IN_HEADER) !== undefined
    ) {
      next();
      return;
    }
    sendAdminErrors(res, 415, [
      {
        code: 'unsupported-media-type',
        pointer: '/headers/content-type',
        title: 'Admin changes take JSON',
        detail: `${req.method} /__admin${req.path} takes only "content-type: application/json"${req.path === '/scenarios' ? ` (or YAML as {"yaml": "..."}, or content-type: application/yaml with "${YAML_OPT_IN_HEADER}: 1")` : ''}; got "${type || 'none'}"`,
      },
    ]);
  };
}

/** Unwraps a JSON-wrapped YAML scenario (`{"yaml": "..."}`) into its text, read as YAML downstream. */
export function unwrapYamlScenario(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const body = req.body as unknown;
    if (
      typeof body === 'object' &&
      body !== null &&
      !Array.isArray(body) &&
      Object.keys(body).length === 1 &&
      typeof (body as { yaml?: unknown }).yaml === 'string'
    ) {
      req.body = (body as { yaml: string }).yaml;
    }
    next();
  };
}

/** What a body refused before parsing carries to the answer. */
interface RefusedBody extends Error {
  adminError?: AdminError;
}

/**
 * Parses JSON admin bodies (at most `bodyLimitBytes`) after one scan of their bytes against the
 * shape limits, so a body too deep, too wide or holding too many values is answered 400, naming
 * the field, without being parsed.
 */
export function readAdminJson(bodyLimitBytes: number, limits: AdminBodyLimits): RequestHandler {
  const parse = express.json({
    limit: bodyLimitBytes,
    verify: (_req, _res, body) => {
      const refusal = refuseAdminJson(body, limits);
      if (refusal) {
        throw Object.assign(new Error(refusal.detail) as RefusedBody, {
          status: 400,
          adminError: refusal,
        });
      }
    },
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    parse(req, res, (error?: unknown) => {
      const refusal = (error as RefusedBody | undefined)?.adminError;
      if (refusal) {
        sendAdminErrors(res, 400, [refusal]);
        return;
      }
      next(error);
    });
  };
}
