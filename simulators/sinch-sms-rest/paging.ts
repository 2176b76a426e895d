import type { SimRequest } from '../../src/engine/provider-api.js';

/** `page` (from 0) and `page_size` (1-100, default 30) of a list request, or what is wrong with them. */
export function readPaging(
  request: SimRequest,
):
  | { page: number; pageSize: number }
  | { error: 'invalid_request'; detail: string; pointer: string } {
  const page = Number(request.query.get('page') ?? 0);
  const pageSize = Number(request.query.get('page_size') ?? 30);
  if (!Number.isInteger(page) || page < 0) {
    return {
      error: 'invalid_request',
      detail: 'page must be an integer of 0 or more',
      pointer: '/query/page',
    };
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    return {
      error: 'invalid_request',
      detail: `page_size must be an integer from 1 to 100, got ${request.query.get('page_size')}`,
      pointer: '/query/page_size',
    };
  }
  return { page, pageSize };
}
