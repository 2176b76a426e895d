import type { Diagnostic, ProviderContext, SimRequest } from '../../src/engine/provider-api.js';
import { batchStore } from './batch-store.js';
import { MSISDN } from './message-text.js';
import { ownerOf, type SendBatchBody } from './send-body.js';
import type { SinchSmsRestSettings } from './settings.js';

type Context = ProviderContext<SinchSmsRestSettings>;

const error = (
  pointer: string,
  keyword: string,
  message: string,
  errorKind: string,
): Diagnostic => ({ pointer, keyword, message, severity: 'error', errorKind });

/** The region segment must be one of the served regions (`/zt` has its own list): else 404. */
export function regionRule(request: SimRequest, context: Context): Diagnostic[] {
  const oauth = request.params.project_id !== undefined;
  const regions = oauth ? context.settings.oauthRegions : context.settings.regions;
  const region = request.params.region ?? '';
  if (regions.includes(region)) return [];
  return [
    error(
      '',
      'region',
      `region "${region}" is not served${oauth ? ' in project (OAuth2) mode' : ''}; use one of ${regions.join(', ')}`,
      'not_found',
    ),
  ];
}

/** Rules of a batch beyond its schema: recipients, groups, originator, length, times, callback URL. */
export function batchRules(request: SimRequest, context: Context): Diagnostic[] {
  const region = regionRule(request, context);
  if (region.length > 0) return region;
  const body = request.body as SendBatchBody;
  const { settings } = context;
  const out: Diagnostic[] = [];
  if (body.to.length > settings.maxRecipients) {
    out.push(
      error(
        '/to',
        'max-recipients',
        `to names ${body.to.length} recipients; at most ${settings.maxRecipients} are allowed`,
        'too_many_recipients',
      ),
    );
  }
  const owner = ownerOf(request.params);
  body.to.forEach((recipient, i) => {
    if (MSISDN.test(recipient)) return;
    const group = batchStore.getGroup(context.store, recipient);
    if (!group || group.owner !== owner) {
      out.push(
        error(
          `/to/${i}`,
          'unknown-group',
          `to[${i}] "${recipient}" is neither an MSISDN nor a group id of this account`,
          'unknown_group',
        ),
      );
    }
  });
  if (body.from === undefined && settings.defaultOriginator === '') {
    out.push(
      error(
        '/from',
        'required',
        'from is required: this service plan has no default originator',
        'invalid_request',
      ),
    );
  }
  const type = body.type ?? 'mt_text';
  if (type === 'mt_text' && [...body.body].length > settings.maxBodyLength) {
    out.push(
      error(
        '/body',
        'max-length',
        `body has ${[...body.body].length} characters; at most ${settings.maxBodyLength} are allowed`,
        'invalid_request',
      ),
    );
  }
  if (type === 'mt_binary' && body.udh === undefined) {
    out.push(
      error('/udh', 'required', 'udh is required for an mt_binary batch', 'invalid_request'),
    );
  }
  const sendAt = body.send_at ? Date.parse(body.send_at) : context.clock.now();
  if (body.expire_at !== undefined) {
    const expireAt = Date.parse(body.expire_at);
    if (expireAt <= sendAt || expireAt > sendAt + 3 * 86_400_000) {
      out.push(
        error(
          '/expire_at',
          'expire-at',
          'expire_at must be after send_at and at most 3 days after it',
          'invalid_request',
        ),
      );
    }
  }
  const wantsReports = (body.delivery_report ?? 'none') !== 'none';
  if (wantsReports && !body.callback_url && settings.missingCallbackUrl === 'reject') {
    out.push(
      error(
        '/callback_url',
        'missing-callback-url',
        `delivery_report "${body.delivery_report}" needs a callback_url: the service plan has no default callback URL`,
        'missing_callback_url',
      ),
    );
  }
  return out;
}
