import type {
  AcceptResult,
  AcceptedMessage,
  ProviderContext,
  SimRequest,
} from '../../../src/engine/provider-api.js';
import { outcomeFor } from './outcomes.js';
import { normalizeNumber } from './phone-numbers.js';
import {
  clickUrlsOf,
  isValidationRequest,
  quickRepliesOf,
  readSend,
  type QuickReply,
} from './send-body.js';
import { sessionIsOpen } from './session-window.js';
import type { ClevertapWhatsappSettings } from './settings.js';
import { SEND_FAILURE_KINDS, SEND_FAILURE_MESSAGES } from './status-codes.js';
import { templateProblem } from './templates.js';

/** A callback URL a request names for its own message, and where in the request it was. */
export interface RequestTarget {
  /** Callback kind: `dlr` or `inbound`. */
  kind: string;
  /** JSON pointer into the request, e.g. `/headers/delivery-report-callback-url`. */
  pointer: string;
  url: string;
}

/** What the lifecycle and callback builders read from an accepted message's `data`. */
export interface ClevertapMessageData {
  wabaNumber: string;
  isTemplate: boolean;
  /** A DLR failure code decided at send time (1008 outside the window, 1001 for a template mismatch). */
  failWith?: string;
  /** URLs of the template's URL buttons, for click events. */
  clickUrls: string[];
}

/** What the simulator remembers of the latest message sent to a number, so a reply can point at it. */
export interface LastSent {
  msgId: string;
  wabaNumber: string;
  /** The message's quick replies (templates only), so a button reply can echo their payload. */
  quickReplies: QuickReply[];
}

/** Store key of the latest message sent to `number`. */
export const lastSentKey = (number: string): string => `last-sent:${normalizeNumber(number)}`;

/** Store key of the latest template sent to `number` (button replies answer templates). */
export const lastTemplateKey = (number: string): string =>
  `last-template:${normalizeNumber(number)}`;

/** Per-provider parts of accepting a send. */
export interface AcceptOptions<S extends ClevertapWhatsappSettings> {
  /** Callback URLs the request itself names (Kaleyra's headers). */
  requestTargets?(request: SimRequest): RequestTarget[];
  /** Called for each accepted message, e.g. to remember where inbound messages go. */
  onAccepted?(request: SimRequest, message: AcceptedMessage, context: ProviderContext<S>): void;
}

const SUCCESS = { status: 200, body: { status: 'success' } };

/**
 * Accepts a valid send: HTTP 200 `{"status":"success"}` and one message whose DLRs carry the
 * request's msgId byte for byte. Recipient rules may reject it with 2001-2004 instead; a freeform
 * message outside the 24-hour window, or a template mismatch under `templateCheck: dlr`, is accepted
 * and fails in its DLR. Only CleverTap's validation request (msgId `0|0|0|0`) is answered without a
 * message; the verify template or a `body` wrapper with a real msgId is an ordinary send.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function acceptClevertapSend<S extends ClevertapWhatsappSettings>(
  options: AcceptOptions<S> = {},
): (request: SimRequest, context: ProviderContext<S>) => AcceptResult {
  return (request, context) => {
    const send = readSend(request.body);
    const { message, msgId } = send;
    const { settings } = context;
    if (isValidationRequest(send, settings.validationRequest)) return { response: SUCCESS };
    const decided = outcomeFor(message.to, settings);
    if (decided.outcome === 'rejected') {
      const code = decided.code ?? '2004';
      return {
        error: SEND_FAILURE_KINDS[code] ?? 'send_failed',
        detail: `${SEND_FAILURE_MESSAGES[code] ?? SEND_FAILURE_MESSAGES['2004']!}: ${message.to} (recipient rule)`,
        pointer: `${send.at}/to`,
      };
    }
    const components = message.components ?? [];
    let failWith: string | undefined;
    if (!message.isTemplate && !sessionIsOpen(context, message.wabaNumber, message.to)) {
      failWith = '1008';
    } else if (
      message.isTemplate &&
      settings.templateCheck === 'dlr' &&
      templateProblem(message, send.at, settings)
    ) {
      failWith = '1001';
    }
    const data: ClevertapMessageData = {
      wabaNumber: normalizeNumber(message.wabaNumber),
      isTemplate: message.isTemplate,
      ...(failWith !== undefined && { failWith }),
      clickUrls: message.isTemplate ? clickUrlsOf(components) : [],
    };
    const targets = options.requestTargets?.(request) ?? [];
    const accepted: AcceptedMessage = {
      id: context.ids.next('wamid.'),
      recipient: normalizeNumber(message.to),
      reference: msgId,
      data: { ...data },
      ...(targets.length > 0 && {
        callbackTargets: Object.fromEntries(targets.map((t) => [t.kind, t.url])),
      }),
    };
    const last: LastSent = {
      msgId,
      wabaNumber: data.wabaNumber,
      quickReplies: message.isTemplate ? quickRepliesOf(components) : [],
    };
    context.store.set(lastSentKey(message.to), last);
    if (message.isTemplate) context.store.set(lastTemplateKey(message.to), last);
    options.onAccepted?.(request, accepted, context);
    return { response: SUCCESS, messages: [accepted] };
  };
}
