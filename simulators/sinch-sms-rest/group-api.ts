import type { AcceptResult, ProviderContext, SimRequest } from '../../src/engine/provider-api.js';
import { batchStore, type StoredGroup } from './batch-store.js';
import { newId } from './ids.js';
import { bareNumber } from './message-text.js';
import { readPaging } from './paging.js';
import { page } from './reports.js';
import { ownerOf } from './send-body.js';
import type { SinchSmsRestSettings } from './settings.js';

type Context = ProviderContext<SinchSmsRestSettings>;

/** `POST /groups`: a named set of MSISDNs that a batch's `to` can name by id (auto-update is not emulated). */
export function createGroup(request: SimRequest, context: Context): AcceptResult {
  const body = request.body as { name?: string; members?: string[] };
  const id = newId(context);
  const now = new Date(context.clock.now()).toISOString();
  const members = [...new Set((body.members ?? []).map(bareNumber))];
  const group: StoredGroup = {
    owner: ownerOf(request.params),
    members,
    group: {
      id,
      ...(body.name !== undefined && { name: body.name }),
      size: members.length,
      created_at: now,
      modified_at: now,
      child_groups: [],
    },
  };
  batchStore.putGroup(context.store, id, group);
  return { response: { status: 201, body: group.group } };
}

function findGroup(
  request: SimRequest,
  context: Context,
): { id: string; group: StoredGroup } | { error: 'not_found'; detail: string } {
  const id = request.params.group_id ?? '';
  const group = batchStore.getGroup(context.store, id);
  if (!group || group.owner !== ownerOf(request.params)) {
    return { error: 'not_found', detail: `no group "${id}" in this account` };
  }
  return { id, group };
}

/** `GET /groups/{group_id}`. */
export function getGroup(request: SimRequest, context: Context): AcceptResult {
  const found = findGroup(request, context);
  return 'error' in found ? found : { response: { status: 200, body: found.group.group } };
}

/** `GET /groups/{group_id}/members`: the MSISDNs, as a JSON array. */
export function groupMembers(request: SimRequest, context: Context): AcceptResult {
  const found = findGroup(request, context);
  return 'error' in found ? found : { response: { status: 200, body: found.group.members } };
}

/** `GET /groups`: paged. */
export function listGroups(request: SimRequest, context: Context): AcceptResult {
  const paging = readPaging(request);
  if ('error' in paging) return paging;
  const groups = batchStore.groups(context.store, ownerOf(request.params)).map((g) => g.group);
  return { response: { status: 200, body: page(groups, 'groups', paging.page, paging.pageSize) } };
}

/** `DELETE /groups/{group_id}`: 204. */
export function deleteGroup(request: SimRequest, context: Context): AcceptResult {
  const found = findGroup(request, context);
  if ('error' in found) return found;
  batchStore.deleteGroup(context.store, found.id);
  return { response: { status: 204 } };
}
