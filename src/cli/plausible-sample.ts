import { Faker, en } from '@faker-js/faker';
import { loadProviders } from '../../simulators/registry.js';
import { DELIVERED_DESCRIPTION } from '../../simulators/sinch-sms/dlr-codes.js';
import type { ErrorKind } from '../engine/errors.js';
import { SampleGenerator } from '../engine/generation/sample-generator.js';
import { createRandom } from '../engine/random.js';
import type { CatalogFailureCode, NativeError } from '../engine/types.js';
import { SchemaRegistry } from '../engine/validation/schema-registry.js';
import { plausibleScenario } from './plausible-scenario.js';
import { MEDIA, PlausibleValues, type Region } from './plausible-values.js';

/** What makes a generated sample look like the real provider's. */
export interface PlausibleContext {
  /** The schema the sample is of, `<provider>/<name>`. */
  schemaId: string;
  /** The provider's documented failure codes (`catalog.failureCodes`). */
  failureCodes: readonly CatalogFailureCode[];
  /** The provider's native error bodies, for samples of its error schemas. */
  errors?: Partial<Record<ErrorKind, NativeError>>;
  /** Seed of every choice made here. */
  seed: number;
  /** "Now" in epoch milliseconds: times fall within the hour before it. */
  now: number;
  /** Whether a changed value still passes the schema (a change that does not is undone). */
  isValid(value: unknown): boolean;
}

/** Providers whose customers are in Sweden in the samples (Sinch's global APIs); the rest are Indian. */
const SWEDISH = new Set(['sinch-conversation', 'sinch-sms-rest']);

/**
 * Schemas that check a value together with another (`base`): a sample is a draw of the base,
 * prepared to be what the first schema is about, and must pass both.
 */
const COMPANIONS: Readonly<
  Record<string, { base: string; prepare(raw: Record<string, unknown>): Record<string, unknown> }>
> = {
  // A domestic transactional send: the DLT entity and template ids (rewritten below) and header.
  'sinch-sms/dlt-domestic': {
    base: 'sinch-sms/send-request',
    prepare: (raw) => ({
      ...raw,
      intflag: 'false',
      alert: '1',
      dpi: '1701000000000000000',
      dtm: '1107000000000000000',
    }),
  },
};

/** What each error a sample shows says, and the field it names. */
const ERROR_DETAILS: Partial<Record<ErrorKind, { detail: string; pointer?: string }>> = {
  unauthorized: { detail: 'Invalid credentials' },
  invalid_request: { detail: '/text is required', pointer: '/text' },
  invalid_recipient: { detail: '/to is not a valid mobile number', pointer: '/to' },
  malformed_body: { detail: 'The body is not valid JSON' },
  unsupported_media_type: { detail: 'Content-Type must be application/json' },
  payload_too_large: { detail: 'The body is larger than 1 MB' },
  throttled: { detail: 'Too many requests: retry in 1 second' },
  server_error: { detail: 'Internal server error' },
  unavailable: { detail: 'The service is temporarily unavailable' },
  forbidden: { detail: 'This account may not use this sender' },
};

/** What an OAuth token error says, per error code. */
const TOKEN_ERRORS: Readonly<Record<string, string>> = {
  invalid_client: 'invalid Basic credentials for user "sandbox-key"',
  invalid_request: 'grant_type is required',
  unsupported_grant_type: 'grant_type must be client_credentials',
  invalid_grant: 'the grant is invalid',
  unauthorized_client: 'the client may not use this grant type',
  invalid_scope: 'the requested scope is invalid',
  too_many_requests: 'too many token requests: retry in 1 second',
};

/** Channels whose identity is a phone number. */
const PHONE_CHANNELS = new Set([
  'WHATSAPP',
  'SMS',
  'RCS',
  'MMS',
  'VIBERBM',
  'KAKAOTALK',
  'KAKAOTALKCHAT',
]);

const TIME_KEYS =
  /^(ts|time|timestamp|date|at|.*_at|.*_time|.*At|.*Time|accepted_time|event_time|accept_time)$/;
const PHONE_KEYS =
  /^(to|from|mobile|msisdn|number|recipient|recipients|destination|phone|phone_number|wa_id|waid|wabaNumber|members|to_add|to_remove|toPhone|sender_id)$/;
const URL_KEYS =
  /^(url|mediaURL|mediaUrl|media_url|callback_url|fallback_url|incomingUrl|shortUrl|link|target|endpoint|kaleyra-host|delivery-report-callback-url|inbound-message-callback-url|image_url|thumbnail_url)$/;
const ULID_KEYS =
  /^(id|app_id|message_id|contact_id|conversation_id|batch_id|respid|child_groups|webhook_id)$/;

/** The region of a schema's provider. */
function regionOf(provider: string): Region {
  return SWEDISH.has(provider) ? 'SE' : 'IN';
}

/** Nearest media kind (image, video, ...) named by the path or a `type` on the way to a value. */
function mediaKindOf(path: readonly string[], holders: readonly Record<string, unknown>[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (MEDIA[path[i]!]) return path[i]!;
  for (let i = holders.length - 1; i >= 0; i--) {
    const type = holders[i]!.type;
    if (typeof type === 'string' && MEDIA[type]) return type;
  }
  return 'image';
}

/** A value that reads like a machine-made random token (letters and digits mixed, no spaces). */
function looksRandom(value: string): boolean {
  if (!/^[A-Za-z0-9]+$/.test(value)) return false;
  return /[a-z][A-Z]|[A-Z]{2}[a-z]|[A-Za-z]\d|\d[A-Za-z]/.test(value) || value.length <= 5;
}

/** Where a value stands: the objects on the way to it (nearest last) and the keys leading there. */
interface Slot {
  key: string;
  holders: readonly Record<string, unknown>[];
  path: readonly string[];
  /** Position in an array of values (recipients), if it is one. */
  index?: number;
}

/** One pass over a sample, rewriting its values; see `makePlausible`. */
class PlausibleRewrite {
  private readonly faker = new Faker({ locale: [en] });
  private readonly v: PlausibleValues;
  private readonly provider: string;
  private readonly schemaName: string;
  /** A sample of what a customer sends (inbound messages), as opposed to what a business sends. */
  private readonly inbound: boolean;
  private readonly root: { value: unknown };
  private readonly sentAt: number;
  private clock: number;
  private readonly epoch: number;
  private readonly recipient: string;
  /** Values already settled (a catalog failure, a native error body): left as they are. */
  private readonly settled = new WeakMap<object, Set<string>>();

  constructor(
    sample: unknown,
    private readonly context: PlausibleContext,
  ) {
    this.faker.seed(context.seed);
    [this.provider = '', this.schemaName = ''] = context.schemaId.split('/');
    this.v = new PlausibleValues(this.faker, regionOf(this.provider));
    this.inbound = /inbound|mo-text/.test(this.schemaName);
    this.root = { value: structuredClone(sample) };
    this.sentAt = context.now - this.faker.number.int({ min: 60, max: 3600 }) * 1000;
    this.clock = this.sentAt;
    this.epoch = Math.floor(this.sentAt / 1000);
    this.recipient = this.v.mobile();
  }

  /** The rewritten sample. */
  run(): unknown {
    this.nativeError();
    this.walk(this.root.value, [], []);
    fixCounts(this.root.value, () => this.valid());
    return this.root.value;
  }

  private valid(): boolean {
    return this.context.isValid(this.root.value);
  }

  private settle(holder: object, ...keys: string[]): void {
    const set = this.settled.get(holder) ?? new Set<string>();
    for (const key of keys) set.add(key);
    this.settled.set(holder, set);
  }

  private isSettled(holder: object, key: string): boolean {
    return this.settled.get(holder)?.has(key) ?? false;
  }

  /** A sample of an error schema is one of the provider's own error bodies, where one fits. */
  private nativeError(): void {
    const { errors } = this.context;
    if (!/error/.test(this.schemaName) || !errors) return;
    for (const kind of this.faker.helpers.shuffle(Object.keys(ERROR_DETAILS) as ErrorKind[])) {
      const native = errors[kind];
      const said = ERROR_DETAILS[kind];
      if (!native || !said) continue;
      const body = native.body(said.detail, said.pointer);
      if (!this.context.isValid(body)) continue;
      this.root.value = structuredClone(body);
      const settleAll = (node: unknown): void => {
        if (node === null || typeof node !== 'object') return;
        this.settle(node, ...Object.keys(node));
        for (const value of Object.values(node)) settleAll(value);
      };
      settleAll(this.root.value);
      return;
    }
  }

  /** The next time in document order: a few seconds after the last (sent, then delivered, then read). */
  private nextTime(): number {
    this.clock += this.faker.number.int({ min: 1, max: 20 }) * 1000;
    return this.clock;
  }

  private timeCandidates(key: string, value: unknown): unknown[] {
    const { now } = this.context;
    const at =
      key === 'expire_at' || key === 'expiration_time_ms'
        ? this.sentAt + 2 * 86_400_000
        : key === 'event_start'
          ? now + 86_400_000
          : key === 'event_end'
            ? now + 90_000_000
            : this.nextTime();
    // A `_ms` field is in milliseconds whatever the draw; other numbers keep their unit.
    if (typeof value === 'number')
      return [value > 1e12 || key.endsWith('_ms') ? at : Math.floor(at / 1000)];
    if (typeof value !== 'string') return [];
    if (/^\d+$/.test(value)) return [String(value.length > 11 ? at : Math.floor(at / 1000))];
    const iso = new Date(at).toISOString();
    return [iso, iso.replace(/\.\d{3}Z$/, 'Z')];
  }

  /** Replacements for the value at `slot`; none keeps it. */
  private candidatesFor(slot: Slot, value: unknown): unknown[] {
    const { key } = slot;
    if (key === 'payloadVersion') return typeof value === 'number' ? [0.1, '0.1'] : ['0.1', 0.1];
    if (key === 'birthday') return [`19${this.faker.number.int({ min: 70, max: 99 })}-04-12`];
    if (TIME_KEYS.test(key) || /^(event_start|event_end|expiration_time_ms)$/.test(key))
      return this.timeCandidates(key, value);
    if (typeof value === 'number') return this.numberCandidates(slot, value);
    if (typeof value !== 'string') return [];
    return (
      this.idCandidates(slot) ??
      this.phoneCandidates(slot, value) ??
      (URL_KEYS.test(key) ? this.urlCandidates(slot) : undefined) ??
      this.credentialCandidates(slot) ??
      this.formatCandidates(slot) ??
      this.textCandidates(slot, value) ??
      (looksRandom(value)
        ? [this.faker.word.words({ count: { min: 2, max: 3 } }), this.faker.word.noun()]
        : [])
    );
  }

  /** Message ids (CleverTap's SMS msgid, echoed as meta; its WhatsApp msgId) and the APIs' ULIDs. */
  private idCandidates({ key, holders, path }: Slot): unknown[] | undefined {
    const { v, provider, epoch } = this;
    const holder = holders[holders.length - 1] ?? {};
    if (provider === 'sinch-sms' && (key === 'msgid' || key === 'meta' || key === 'replyTo')) {
      const to =
        typeof holder.to === 'string'
          ? holder.to.split(',')[0]!.replace(/^\+/, '')
          : this.recipient;
      return [v.smsMsgId(to, epoch)];
    }
    if (key === 'msgId' || key === 'msg_id' || (key === 'replyTo' && regionOf(provider) === 'IN'))
      return [v.whatsappMsgId(epoch)];
    if (key === 'id' && path[path.length - 2] === 'context') return [v.whatsappMsgId(epoch)];
    if (key === 'project_id') return [this.faker.string.uuid()];
    if (key === 'id' && path[path.length - 2] === 'product')
      return [`SKU-${this.faker.string.numeric(6)}`];
    if (ULID_KEYS.test(key) || (provider === 'sinch-sms-rest' && key === 'child_groups'))
      return [v.ulid(this.sentAt), v.reference()];
    if (/^(client_reference|clientReference|correlation_id)$/.test(key)) return [v.reference()];
    if (/^(metadata|message_metadata)$/.test(key)) return [v.reference(), ''];
    return undefined;
  }

  /** Numbers of the provider's region (the first recipient the same throughout), and senders. */
  private phoneCandidates({ key, holders, index }: Slot, value: string): unknown[] | undefined {
    const { faker, v, provider } = this;
    const forms = (n: string): string[] => (value.startsWith('+') ? [`+${n}`, n] : [n, `+${n}`]);
    if (key === 'identity') {
      const holder = holders[holders.length - 1] ?? {};
      const channel = typeof holder.channel === 'string' ? holder.channel : 'WHATSAPP';
      if (PHONE_CHANNELS.has(channel)) return forms(this.recipient);
      if (channel === 'LINE')
        return [`U${faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' })}`];
      return [
        faker.string.numeric({
          length: channel === 'TELEGRAM' ? 10 : 16,
          allowLeadingZeros: false,
        }),
      ];
    }
    if (!PHONE_KEYS.test(key) && key !== 'applied_originator') return undefined;
    if (provider === 'sinch-sms' && key === 'from' && this.schemaName !== 'inbound-input')
      return [
        faker.helpers.arrayElement(['ACMEIN', 'SHOPNW', 'BANKAL', 'TRAVLX', 'CLVRTP']),
        faker.string.numeric({ length: 6, allowLeadingZeros: false }),
      ];
    const sender = (key === 'from' && !this.inbound) || (key === 'to' && this.inbound);
    if (provider === 'sinch-sms-rest' && (sender || key === 'applied_originator'))
      return [faker.helpers.arrayElement(['71234', '72020', '41414']), v.mobile()];
    const first = ['to', 'msisdn', 'mobile', 'toPhone'].includes(key) && (index ?? 0) === 0;
    return forms(first ? this.recipient : v.mobile());
  }

  private numberCandidates({ key, holders }: Slot, value: number): unknown[] {
    const { faker, v } = this;
    const holder = holders[holders.length - 1] ?? {};
    const near = (x: number): number =>
      Number((x + faker.number.float({ min: -0.01, max: 0.01 })).toFixed(4));
    if (key === 'latitude') return [near(v.place.lat)];
    if (key === 'longitude') return [near(v.place.lng)];
    if (key === 'expires_in') return [3600];
    if (key === 'max_number_of_message_parts') return [faker.number.int({ min: 3, max: 10 })];
    if (key === 'number_of_message_parts') return [faker.number.int({ min: 1, max: 3 })];
    if (key === 'count' || key === 'total_message_count')
      return [faker.number.int({ min: 1, max: 3 })];
    if (key === 'index') return [Math.min(value, 2), 0];
    if (key === 'code' && typeof holder.status === 'string') return [];
    return value > 10_000 && !/code/i.test(key) ? [faker.number.int({ min: 1, max: 100 })] : [];
  }

  private urlCandidates({ key, holders, path }: Slot): unknown[] {
    const { v, faker } = this;
    const parent = path[path.length - 2] ?? '';
    if (key === 'kaleyra-host') return ['https://api.kaleyra.io/'];
    if (key === 'delivery-report-callback-url') return [v.callbackUrl('kaleyra')];
    if (key === 'inbound-message-callback-url') return [v.callbackUrl('kaleyra', 'inbound')];
    if (key === 'incomingUrl')
      return [
        `https://kaleyra.example/clevertap/incoming?inbound_message_callback_url=${encodeURIComponent(v.callbackUrl('kaleyra', 'inbound'))}&payload_version=0.1`,
      ];
    if (key === 'endpoint') return ['https://auth.example.com/oauth2/token'];
    if (key === 'target' || key === 'callback_url') return [v.callbackUrl(this.provider)];
    if (key === 'shortUrl') return [`https://bit.ly/${faker.string.alphanumeric(7)}`];
    const media =
      /media/i.test(key) ||
      /media|image|video|audio|document|file|sticker/.test(parent) ||
      key === 'image_url' ||
      key === 'thumbnail_url';
    return [media ? v.mediaUrl(mediaKindOf(path, holders)) : v.pageUrl()];
  }

  /** The simulator's sandbox credentials (and tokens and secrets shaped like real ones). */
  private credentialCandidates({ key, holders }: Slot): unknown[] | undefined {
    const holder = holders[holders.length - 1] ?? {};
    switch (key) {
      case 'appid':
      case 'userId':
        return ['clvrtap'];
      case 'pass':
        return ['clvrtap_18'];
      case 'user':
      case 'password':
      case 'api-key':
      case 'sid':
      case 'authkey':
        return ['sandbox'];
      case 'authorization':
        return [`Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`];
      case 'account':
        return ['sandbox-plan'];
      case 'client_id':
        return ['gateway-webhooks'];
      case 'client_secret':
      case 'secret':
        return [this.v.secret()];
      case 'access_token':
        return [this.jwt()];
      case 'token_type':
        return ['bearer'];
      case 'scope':
        return [''];
      case 'response_type':
        return ['token'];
      case 'token_request_type':
        return ['BASIC', 'FORM'];
      case 'error_description':
        return [TOKEN_ERRORS[String(holder.error)] ?? 'the request was refused'];
      default:
        return undefined;
    }
  }

  /** An access token shaped as the token endpoint gives it (a JWT for the sandbox key). */
  private jwt(): string {
    const part = (value: unknown): string =>
      Buffer.from(JSON.stringify(value)).toString('base64url');
    const expiry = Math.floor(this.context.now / 1000) + 3600;
    return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'sandbox-key', exp: expiry })}.${this.faker.string.alphanumeric(43)}`;
  }

  /** What people write: message texts, captions, buttons, titles, names and places. */
  private textCandidates({ key, holders, path }: Slot, value: string): unknown[] | undefined {
    const { v } = this;
    const holder = holders[holders.length - 1] ?? {};
    const parent = path[path.length - 2] ?? '';
    const kind = mediaKindOf(path, holders);
    switch (key) {
      case 'text':
      case 'body':
      case 'incomingText':
        if (path.includes('parameters')) return [v.name, v.order];
        if (path.includes('header')) return ['Your order update'];
        if (holder.type === 'mt_binary') return [Buffer.from(v.businessText()).toString('base64')];
        if (path.includes('choices') || path.includes('buttons')) return ['Track order', 'Yes'];
        return this.inbound || path.includes('contact_message') || key === 'incomingText'
          ? [v.customerText()]
          : [v.businessText(), v.customerText()];
      case 'caption':
        return [
          kind === 'document' || kind === 'file' ? `Invoice for order #${v.order}` : 'Here it is',
        ];
      case 'footer':
      case 'footertext':
        return ['Reply STOP to opt out'];
      case 'buttonText':
        return ['Track order', 'STOP'];
      case 'payload':
      case 'postback_data':
        return ['track-order', 'stop', 'confirm-yes'];
      case 'title':
      case 'event_title':
        return [
          TITLES[parent] ?? (parent === 'location_message' ? v.place.name : `Order #${v.order}`),
        ];
      case 'event_description':
      case 'description':
        // A Sinch SMS record without a failure code is a delivery.
        if (this.provider === 'sinch-sms') return [DELIVERED_DESCRIPTION];
        return [`Delivery of order #${v.order}`];
      case 'name':
        if (this.provider === 'sinch-sms-rest') return ['vip-customers'];
        return [path.includes('location') ? v.place.name : v.name];
      case 'full_name':
      case 'first_name':
        return [v.name];
      case 'address':
        return [v.place.address];
      case 'label':
        return [v.place.address.split(',').pop()!.trim()];
      case 'message':
        return [holder.code !== undefined ? 'The request was refused' : v.businessText()];
      default:
        return value.length > 64 && !/\s/.test(value) ? [v.businessText()] : undefined;
    }
  }

  /** Values with a documented format: MIME types, languages, template names, coordinates, DLT ids. */
  private formatCandidates({ key, holders, path }: Slot): unknown[] | undefined {
    const { faker, v } = this;
    switch (key) {
      case 'latitude':
        return [String(v.place.lat)];
      case 'longitude':
        return [String(v.place.lng)];
      case 'mimeType':
      case 'mime_type':
        return [MEDIA[mediaKindOf(path, holders)]?.mime ?? 'image/jpeg'];
      case 'languageCode':
      case 'language_code':
        return ['en', 'en_US'];
      case 'namespace':
      case 'template_id':
        return ['order_shipped', 'otp_verification'];
      case 'udh':
        return ['050003CC0201'];
      case 'channel':
        return ['WHATSAPP', 'SMS', 'RCS', 'MESSENGER'];
      case 'marketplace':
        return ['FACEBOOK'];
      case 'version':
        return ['1', 'latest'];
      case 'coupon_code':
        return ['SAVE20', 'WELCOME10'];
      case 'operator':
      case 'operator_id':
      case 'operatorId':
        return ['24001', '24008'];
      case 'field':
        return ['/to'];
      case '@type':
        return [
          'type.googleapis.com/google.rpc.BadRequest',
          'type.googleapis.com/google.rpc.RetryInfo',
        ];
      case 'ttl':
        return [`${faker.helpers.arrayElement([600, 3600, 86400])}s`];
      case 'dpi':
        return [`1701${faker.string.numeric(15)}`];
      case 'dtm':
        return [`1107${faker.string.numeric(15)}`];
      case 'userAgent':
        return [v.userAgent()];
      default:
        return undefined;
    }
  }

  /** Tries each candidate at `container[key]`; keeps the first that leaves the whole value valid. */
  private tryEach(
    container: Record<string, unknown> | unknown[],
    key: string | number,
    candidates: readonly unknown[],
  ): void {
    const slots = container as Record<string | number, unknown>;
    const before = slots[key];
    for (const candidate of candidates) {
      if (candidate === before) return;
      slots[key] = candidate;
      if (this.valid()) return;
    }
    slots[key] = before;
  }

  /** The catalog's code and description (or title, or message) in a holder that has both. */
  private failure(holder: Record<string, unknown>): void {
    const { failureCodes } = this.context;
    const textKey = ['description', 'title', 'message'].find((k) => k in holder);
    if (failureCodes.length === 0 || textKey === undefined || !('code' in holder)) return;
    if (this.isSettled(holder, 'code')) return;
    const beforeCode = holder.code;
    const beforeText = holder[textKey];
    const wanted = /response|error/.test(this.schemaName) ? 'response' : undefined;
    const { helpers } = this.faker;
    const ranked = [
      ...helpers.shuffle(failureCodes.filter((c) => c.reportedIn === wanted)),
      ...helpers.shuffle(failureCodes.filter((c) => c.reportedIn !== wanted)),
    ];
    for (const picked of ranked) {
      holder.code = typeof beforeCode === 'number' ? Number(picked.code) : picked.code;
      holder[textKey] = picked.description;
      if (!Number.isNaN(holder.code) && this.valid()) {
        this.settle(holder, 'code', textKey);
        return;
      }
    }
    holder.code = beforeCode;
    holder[textKey] = beforeText;
  }

  /** Sinch SMS REST report entries: a code and its status (0 Delivered, or a catalog failure). */
  private reportStatus(holder: Record<string, unknown>): void {
    if (this.provider !== 'sinch-sms-rest' || typeof holder.code !== 'number') return;
    if (!('status' in holder) || this.isSettled(holder, 'code')) return;
    const choices = [
      { code: 0, status: 'Delivered' },
      ...this.context.failureCodes.map((c) => ({
        code: Number(c.code),
        status: c.description.split(':')[0]!,
      })),
    ];
    const beforeCode = holder.code;
    const beforeStatus = holder.status;
    for (const choice of this.faker.helpers.shuffle(choices)) {
      holder.code = choice.code;
      holder.status = choice.status;
      if (this.valid()) {
        this.settle(holder, 'code', 'status');
        return;
      }
    }
    holder.code = beforeCode;
    holder.status = beforeStatus;
  }

  /** Cuts a long array to one to three items, as few as the schema allows. */
  private trim(items: unknown[]): void {
    if (items.length <= 2) return;
    const all = [...items];
    for (const length of [this.faker.number.int({ min: 1, max: 2 }), 1, 2, 3]) {
      if (length >= all.length) continue;
      items.splice(length);
      if (this.valid()) return;
      items.splice(0, items.length, ...all);
    }
  }

  private walk(
    node: unknown,
    holders: readonly Record<string, unknown>[],
    path: readonly string[],
  ): void {
    if (Array.isArray(node)) {
      this.trim(node);
      const key = path[path.length - 1] ?? '';
      node.forEach((item, index) => {
        if (item !== null && typeof item === 'object') this.walk(item, holders, [...path, '[]']);
        else this.tryEach(node, index, this.candidatesFor({ key, holders, path, index }, item));
      });
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const holder = node as Record<string, unknown>;
    const inside = [...holders, holder];
    this.failure(holder);
    this.reportStatus(holder);
    for (const key of Object.keys(holder)) {
      const value = holder[key];
      if (value !== null && typeof value === 'object') this.walk(value, inside, [...path, key]);
      else if (!this.isSettled(holder, key))
        this.tryEach(
          holder,
          key,
          this.candidatesFor({ key, holders: inside, path: [...path, key] }, value),
        );
    }
  }
}

/** Titles of the Conversation API's choices, by the kind of choice. */
const TITLES: Readonly<Record<string, string>> = {
  call_message: 'Call us',
  calendar_message: 'Delivery slot',
  share_location_message: 'Share your location',
  url_message: 'Open site',
  card_message: 'Summer sale',
};

/**
 * Rewrites a schema-valid sample so it reads like the real thing: each field by its name and
 * place (phone numbers of the provider's region, ids in the provider's format, https URLs,
 * CleverTap message ids, times near `now`, texts a business or a customer would write, failure
 * codes and descriptions from the catalog, the provider's own error bodies). Each change is kept
 * only when the whole value stays valid.
 */
export function makePlausible(sample: unknown, context: PlausibleContext): unknown {
  return new PlausibleRewrite(sample, context).run();
}

/** Makes counts agree with what they count (messages, recipients, statuses), where the schema allows. */
function fixCounts(node: unknown, valid: () => boolean): void {
  if (Array.isArray(node)) {
    for (const item of node) fixCounts(item, valid);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const holder = node as Record<string, unknown>;
  for (const value of Object.values(holder)) fixCounts(value, valid);
  const set = (key: string, value: number): void => {
    const before = holder[key];
    holder[key] = value;
    if (!valid()) holder[key] = before;
  };
  if (typeof holder.count === 'number') {
    const counted = Array.isArray(holder.messages)
      ? holder.messages
      : Array.isArray(holder.recipients)
        ? holder.recipients
        : undefined;
    if (counted && counted.length > 0) set('count', counted.length);
  }
  if (typeof holder.total_message_count === 'number' && Array.isArray(holder.statuses)) {
    const total = (holder.statuses as { count?: unknown }[]).reduce(
      (sum, s) => sum + (typeof s.count === 'number' ? s.count : 0),
      0,
    );
    if (total > 0) set('total_message_count', total);
  }
}

/** The provider definitions a schema id's samples read like: its own, or those built on its family. */
async function definitionsOf(schemaId: string): ReturnType<typeof loadProviders> {
  const provider = schemaId.split('/')[0]!;
  const definitions = await loadProviders();
  const own = definitions.find((d) => d.id === provider);
  // A family's schemas (e.g. clevertap-whatsapp) read like the providers built on it.
  const family = provider.split('-')[1];
  if (own) return [own];
  return family === undefined ? [] : definitions.filter((d) => d.id.endsWith(`-${family}`));
}

/** A draw of `schemaId`; json-schema-faker gives up on some draws, so a few more are tried. */
async function drawOf(generator: SampleGenerator, schemaId: string): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await generator.sample(schemaId);
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

/**
 * `count` valid samples of `schemaId` for `seed`, reading like the provider's own (see
 * `makePlausible`); a scenario sample is a bad day at one of the providers.
 */
export async function plausibleSamples(
  schemaId: string,
  seed: string,
  count: number,
  now: number,
  schemas = new SchemaRegistry(),
): Promise<unknown[]> {
  const companion = COMPANIONS[schemaId];
  const base = companion?.base ?? schemaId;
  const generator = new SampleGenerator(schemas, seed);
  const definitions = await definitionsOf(schemaId);
  const failureCodes = definitions.flatMap((d) => d.catalog?.failureCodes ?? []);
  const random = createRandom(`${seed}:plausible`);
  const isValid = (value: unknown): boolean =>
    schemas.validate(base, value).length === 0 && schemas.validate(schemaId, value).length === 0;
  const values: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const sampleSeed = Math.floor(random.next() * 2 ** 31);
    if (schemaId === 'scenario') {
      const faker = new Faker({ locale: [en] });
      faker.seed(sampleSeed);
      const providers = (await loadProviders()).map((d) => d.id);
      const scenario = plausibleScenario(providers, faker);
      values.push(isValid(scenario) ? scenario : await drawOf(generator, schemaId));
      continue;
    }
    let raw = await drawOf(generator, base);
    if (companion) {
      // Some draws of the base cannot be what the companion is about (e.g. a promotional header).
      for (let tries = 1; ; tries++) {
        const prepared = companion.prepare(raw as Record<string, unknown>);
        if (isValid(prepared) || tries >= 20) {
          raw = prepared;
          break;
        }
        raw = await drawOf(generator, base);
      }
    }
    values.push(
      makePlausible(raw, {
        schemaId: base,
        failureCodes,
        ...(definitions[0] && { errors: definitions[0].errors }),
        seed: sampleSeed,
        now,
        isValid,
      }),
    );
  }
  return values;
}
