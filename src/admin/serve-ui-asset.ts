import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Request, Response } from 'express';
import { packageRoot } from '../engine/package-root.js';
import type { AdminTarget } from './admin-target.js';
import { sendAdminErrors } from './admin-errors.js';

/** Content types of the files the inbox is made of; any other file is not served. */
export const UI_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * The page may load its own files and talk to this server only; message media may come from any
 * web address (and simply fail to load offline).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: http: https:",
  'media-src http: https:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A segment that could leave the folder, hide a file, or be read differently by the file system. */
const UNSAFE_SEGMENT = /^\.|[/\\\0]/;

/**
 * The file below `root` that `segments` name, or undefined when the path is not one the inbox
 * serves (a traversal, a hidden file, or a kind of file outside `UI_CONTENT_TYPES`).
 */
export function resolveUiFile(root: string, segments: readonly string[]): string | undefined {
  if (segments.length === 0 || segments.some((s) => s === '' || UNSAFE_SEGMENT.test(s))) {
    return undefined;
  }
  const base = resolve(root);
  const file = resolve(join(base, ...segments));
  if (!file.startsWith(base + sep)) return undefined;
  return UI_CONTENT_TYPES[extname(file).toLowerCase()] ? file : undefined;
}

/** GET /__admin/ui/*: the sandbox inbox, a static page served from the package's `ui/` folder. */
export function serveUiAsset(_target: AdminTarget) {
  const root = join(packageRoot(), 'ui');
  return (req: Request, res: Response): void => {
    const raw = (req.params as { path?: string | string[] }).path;
    const segments = raw === undefined ? [] : Array.isArray(raw) ? raw : raw.split('/');
    if (segments.length === 0 || (segments.length === 1 && segments[0] === '')) {
      // Relative links in the page resolve against the folder only with the trailing slash.
      if (!req.originalUrl.split('?')[0]!.endsWith('/')) {
        res.redirect(301, `${req.baseUrl}/ui/`);
        return;
      }
      segments.splice(0, segments.length, 'index.html');
    }
    const notFound = (): void =>
      sendAdminErrors(res, 404, [
        {
          code: 'not-found',
          pointer: '/path',
          title: 'No such inbox file',
          detail: `${req.originalUrl.split('?')[0]} is not a file of the inbox; open ${req.baseUrl}/ui/`,
        },
      ]);
    const file = resolveUiFile(root, segments);
    if (!file) {
      notFound();
      return;
    }
    void (async () => {
      try {
        if (!(await stat(file)).isFile()) return notFound();
        const content = await readFile(file);
        res.status(200).set({
          'content-type': UI_CONTENT_TYPES[extname(file).toLowerCase()]!,
          'content-length': String(content.length),
          'cache-control': 'no-cache',
          'x-content-type-options': 'nosniff',
          'content-security-policy': CONTENT_SECURITY_POLICY,
        });
        res.end(content);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return notFound();
        sendAdminErrors(res, 500, [
          {
            code: 'admin-error',
            pointer: '/path',
            title: 'Inbox file unreadable',
            detail: (error as Error).message,
          },
        ]);
      }
    })();
  };
}
