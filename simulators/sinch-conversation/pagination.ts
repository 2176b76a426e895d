import type { SimRequest } from '../../src/engine/provider-api.js';

/** `page_size` when the request gives none. */
export const DEFAULT_PAGE_SIZE = 10;
/** Largest `page_size` served; larger ones are served this many. */
export const MAX_PAGE_SIZE = 1000;

/** One page of a list and the token of the next one (empty on the last page), as the API pages. */
export interface Page<T> {
  items: T[];
  nextPageToken: string;
}

/** The position a `page_token` stands for, or undefined when it is not one this API issued. */
function positionOf(token: string): number | undefined {
  if (token === '') return 0;
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^offset:(\d+)$/.exec(decoded);
  return match ? Number(match[1]) : undefined;
}

/** The page size of a request, or the reason it is refused. */
export function pageSizeOf(request: SimRequest): number | { error: string } {
  const raw = request.query.get('page_size');
  if (raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 0) {
    return { error: `page_size ${JSON.stringify(raw)} must be a non-negative integer` };
  }
  return size === 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
}

/**
 * The page of `all` a request asks for with `page_size` and `page_token`; `next_page_token` is
 * opaque and empty on the last page (the SDK stops on an empty token).
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sdk-client/src/client/api-client-pagination-helper.ts
 */
export function pageOf<T>(all: readonly T[], request: SimRequest): Page<T> | { error: string } {
  const size = pageSizeOf(request);
  if (typeof size !== 'number') return size;
  const token = request.query.get('page_token') ?? '';
  const start = positionOf(token);
  if (start === undefined) return { error: `page_token ${JSON.stringify(token)} is not valid` };
  const end = start + size;
  return {
    items: all.slice(start, end),
    nextPageToken: end < all.length ? Buffer.from(`offset:${end}`).toString('base64url') : '',
  };
}
