/** A positional parameter of a body or header. */
export interface TextParameter {
  type: 'text';
  text: string;
}

/** One element of a template's `components`, as far as the simulator reads it. */
export interface TemplateComponent {
  type?: string;
  header?: { type: string; text?: { text: string; parameters?: TextParameter[] } };
  body?: { text: string; parameters?: TextParameter[] };
  footer?: string;
  footertext?: string;
  index?: number;
  subType?: string;
  buttonText?: string;
  parameters?: { type: string; text?: string; payload?: string }[];
  customProps?: unknown;
}

/** A schema-valid message (template or freeform), as far as the simulator reads it. */
export interface ClevertapMessage {
  payloadVersion: number | string;
  to: string;
  wabaNumber: string;
  isTemplate: boolean;
  msgId?: string;
  msg_id?: string;
  template?: { namespace: string; languageCode: string };
  components?: TemplateComponent[];
  type?: 'text' | 'audio' | 'file' | 'image' | 'video' | 'location';
}

/** A send request read: the message, where it sits, and its id under whichever key was used. */
export interface ReadSend {
  message: ClevertapMessage;
  /** JSON pointer of the message in the body: `''`, or `/body` when it came wrapped (as the validation payload is documented). */
  at: '' | '/body';
  msgId: string;
  msgIdKey: 'msgId' | 'msg_id';
}

/** CleverTap's validation template; also an ordinary template name any send may use. */
export const VALIDATION_TEMPLATE = 'whatsapp:hsm:technology:generic:verify';

/** The msgId of CleverTap's validation (test) request; real sends carry unique ids. */
export const VALIDATION_MSG_ID = '0|0|0|0';

/** Unwraps a schema-valid send body (the validation payload is documented wrapped in `body`). */
export function readSend(body: unknown): ReadSend {
  const outer = body as Record<string, unknown>;
  const wrapped = Object.hasOwn(outer, 'body');
  const message = (wrapped ? outer.body : outer) as ClevertapMessage;
  const msgIdKey = message.msgId !== undefined ? 'msgId' : 'msg_id';
  return { message, at: wrapped ? '/body' : '', msgId: message[msgIdKey] ?? '', msgIdKey };
}

/**
 * True for CleverTap's provider validation request: the documented payload is told apart by its
 * msgId `0|0|0|0`, wrapped or not. The verify template and the `body` wrapper alone do not make a
 * send a validation request (a real msgId means a real message) unless `validationRequest` is
 * `loose`, which keeps the older reading (wrapped or verify template, whatever the msgId).
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function isValidationRequest(
  send: ReadSend,
  mode: 'documented' | 'loose' = 'documented',
): boolean {
  if (send.msgId === VALIDATION_MSG_ID) return true;
  return (
    mode === 'loose' &&
    (send.at === '/body' || send.message.template?.namespace === VALIDATION_TEMPLATE)
  );
}

/** The `to` of a send body of any shape, or undefined (for recipients and fault matching). */
export function recipientOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const outer = body as { to?: unknown; body?: { to?: unknown } };
  const to = outer.to ?? outer.body?.to;
  return typeof to === 'string' ? to : undefined;
}

/** Index and component of the template's body, if it has one. */
export function bodyComponent(
  components: readonly TemplateComponent[],
): { index: number; component: TemplateComponent } | undefined {
  const index = components.findIndex((c) => c.type === 'body');
  return index < 0 ? undefined : { index, component: components[index]! };
}

/** A quick-reply button sent with a template: its text and, when CleverTap sent one, its payload. */
export interface QuickReply {
  text: string;
  payload?: string;
}

const QUICK_REPLY = new Set(['quickReply', 'Quickreply']);
const URL_BUTTON = new Set(['dynamicUrl', 'dynamic_url', 'staticUrl', 'static_url']);

/** The quick replies of a template, in order (carousel cards included). */
export function quickRepliesOf(components: readonly TemplateComponent[]): QuickReply[] {
  return buttonsOf(components)
    .filter((b) => QUICK_REPLY.has(b.subType ?? ''))
    .map((b) => {
      const payload = b.parameters?.find((p) => p.type === 'payload')?.payload;
      return { text: b.buttonText ?? '', ...(payload !== undefined && { payload }) };
    });
}

/** The URLs a customer could click in a template: URL buttons' parameters as sent. */
export function clickUrlsOf(components: readonly TemplateComponent[]): string[] {
  return buttonsOf(components)
    .filter((b) => URL_BUTTON.has(b.subType ?? ''))
    .map((b) => b.parameters?.[0]?.text ?? '')
    .filter((url) => url !== '');
}

function buttonsOf(components: readonly TemplateComponent[]): TemplateComponent[] {
  return components.flatMap((c) => {
    if (c.type === 'button') return [c];
    const cards = (c as { cards?: { components?: TemplateComponent[] }[] }).cards;
    return c.type === 'carousel' && Array.isArray(cards)
      ? cards.flatMap((card) => (card.components ?? []).filter((x) => x.type === 'button'))
      : [];
  });
}
