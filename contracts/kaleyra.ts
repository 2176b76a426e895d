/**
 * Contract cases for gateways that send WhatsApp through Kaleyra the way CleverTap's "Generic
 * (Other)" WhatsApp provider does: the Generic WhatsApp payload with `api-key`, `sid` and
 * `kaleyra-host`, and, on every send, the gateway's own DLR and inbound callback URLs in headers.
 * @see https://docs.clevertap.com/docs/kaleyra
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
import type { ContractCase } from '../src/contracts/types.js';
import {
  awaitRequests,
  clevertapWhatsappCases,
  sendTemplate,
  subjectOf,
} from './families/clevertap-whatsapp.js';

const PROVIDER = 'kaleyra';

/** The request headers that route a send's callbacks, by callback kind. */
const CALLBACK_HEADERS = {
  dlr: 'delivery-report-callback-url',
  inbound: 'inbound-message-callback-url',
} as const;

/** A URL without its query and fragment, or the text itself when it is not a URL. */
function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

/** Each send names the gateway's own DLR and inbound URLs in its callback headers. */
const callbackUrlHeaders: ContractCase = {
  id: 'kaleyra-callback-url-headers',
  provider: PROVIDER,
  title:
    "names the gateway's own DLR and inbound URLs in delivery-report-callback-url and inbound-message-callback-url on every send",
  async run(ctx) {
    await sendTemplate(ctx, PROVIDER, ['919800000001']);
    await sendTemplate(ctx, PROVIDER, ['919800000002', '919800000003']);
    for (const entry of await awaitRequests(ctx, PROVIDER, 3)) {
      const subject = subjectOf(entry);
      for (const [kind, header] of Object.entries(CALLBACK_HEADERS)) {
        const expected = ctx.gateway.callbackUrl(PROVIDER, kind);
        const sent = entry.request.headers[header];
        if (sent === undefined || withoutQuery(sent) !== withoutQuery(expected)) {
          ctx.fail({
            message: `/headers/${header} is ${JSON.stringify(sent)}; Kaleyra posts this message's ${kind === 'dlr' ? 'delivery reports' : 'replies'} there, so it must be the gateway's ${kind} URL ${expected}`,
            pointer: `/headers/${header}`,
            value: sent,
            subject,
          });
        }
      }
      for (const d of entry.diagnostics) {
        if (d.severity === 'error' && d.keyword.startsWith('callback-')) {
          ctx.fail({
            message: `the simulator refused it: ${d.message}`,
            pointer: d.pointer,
            subject,
          });
        }
      }
    }
  },
};

/** Every Kaleyra contract case, in the order they run. */
export const kaleyraContract: ContractCase[] = [
  ...clevertapWhatsappCases({
    provider: PROVIDER,
    headersTitle:
      'authenticates every request with api-key, sid and kaleyra-host, and carries both callback URL headers (kaleyra/request-headers)',
  }),
  callbackUrlHeaders,
];
