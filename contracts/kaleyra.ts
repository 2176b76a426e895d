/**
 * Contract cases for gateways that send WhatsApp through Kaleyra the way CleverTap's "Generic
 * (Other)" WhatsApp provider does: the Generic WhatsApp payload with `api-key`, `sid` and
 * `kaleyra-host`, and, on every send, the gateway's own DLR and inbound callback URLs in headers:
 * the common cases through `kaleyraDescriptor`, plus the Generic WhatsApp cases and its own.
 * @see https://docs.clevertap.com/docs/kaleyra
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
import type { ProviderContractDescriptor } from '../src/contracts/provider-descriptor.js';
import type { ContractCase } from '../src/contracts/types.js';
import { commonCases } from './common.js';
import {
  awaitRequests,
  clevertapWhatsappCases,
  clevertapWhatsappDescriptor,
  sendTemplate,
  subjectOf,
  type ClevertapWhatsappContractSpec,
} from './families/clevertap-whatsapp.js';

const PROVIDER = 'kaleyra';

const SPEC: ClevertapWhatsappContractSpec = {
  provider: PROVIDER,
  credentials: 'api-key, sid and kaleyra-host headers',
  headersTitle:
    'authenticates every request with api-key, sid and kaleyra-host, and carries both callback URL headers (kaleyra/request-headers)',
};

/** Kaleyra WhatsApp for the common cases. */
export const kaleyraDescriptor: ProviderContractDescriptor = clevertapWhatsappDescriptor(SPEC);

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

/** Every Kaleyra contract case, in the order they run: the common ones, then its own. */
export const kaleyraContract: ContractCase[] = [
  ...commonCases(kaleyraDescriptor),
  ...clevertapWhatsappCases(SPEC),
  callbackUrlHeaders,
];
