import type { Faker } from '@faker-js/faker';

/** Where a provider's customers are: India for the Indian integrations, Sweden for Sinch's global APIs. */
export type Region = 'IN' | 'SE';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** First names of customers, per region. */
const NAMES: Record<Region, readonly string[]> = {
  IN: ['Asha', 'Rahul', 'Priya', 'Arjun', 'Neha', 'Vikram', 'Ananya', 'Rohan', 'Kavya', 'Imran'],
  SE: ['Elsa', 'Oskar', 'Maja', 'Liam', 'Astrid', 'Erik', 'Saga', 'Hugo', 'Alice', 'Nils'],
};

/** Places a customer shares, with their coordinates, per region. */
const PLACES: Record<
  Region,
  readonly { name: string; address: string; lat: number; lng: number }[]
> = {
  IN: [
    { name: 'Home', address: '12, MG Road, Bengaluru 560001', lat: 12.9716, lng: 77.5946 },
    {
      name: 'Office',
      address: '45 Linking Road, Bandra West, Mumbai 400050',
      lat: 19.0596,
      lng: 72.8295,
    },
    {
      name: 'Park Street store',
      address: '7 Park Street, Kolkata 700016',
      lat: 22.5535,
      lng: 88.3522,
    },
    { name: 'Home', address: 'B-21 Connaught Place, New Delhi 110001', lat: 28.6315, lng: 77.2167 },
  ],
  SE: [
    { name: 'Home', address: 'Drottninggatan 12, 111 51 Stockholm', lat: 59.3326, lng: 18.0649 },
    { name: 'Office', address: 'Kungsportsavenyen 5, 411 36 Göteborg', lat: 57.7003, lng: 11.9736 },
    { name: 'Home', address: 'Stortorget 3, 211 22 Malmö', lat: 55.605, lng: 13.0007 },
  ],
};

/** A message a business sends, from a one-time password to a shipping notice. */
const BUSINESS_TEXTS: readonly ((v: TextValues) => string)[] = [
  (v) => `Your OTP is ${v.otp}. It is valid for 10 minutes. Do not share it with anyone.`,
  (v) => `Hi ${v.name}, your order #${v.order} has shipped and arrives on ${v.weekday}.`,
  (v) => `Your appointment is confirmed for ${v.weekday} at ${v.hour}:00. Reply C to cancel.`,
  (v) => `${v.name}, we received your payment for order #${v.order}. Thank you!`,
  (v) =>
    `Your delivery for order #${v.order} is out today. Track it: https://shop.example.com/t/${v.order}`,
];

/** What a customer writes back. */
const CUSTOMER_TEXTS: readonly string[] = [
  'STOP',
  'Yes',
  'No, thanks',
  'When will my order arrive?',
  'Please call me back',
  'Thanks!',
  'Can I change the delivery address?',
];

/** Values a text is filled with. */
interface TextValues {
  name: string;
  otp: string;
  order: string;
  weekday: string;
  hour: number;
}

/** Browser user agents a link click reports. */
const USER_AGENTS: readonly string[] = [
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
];

/** File extension and MIME type of each media kind. */
export const MEDIA: Readonly<Record<string, { ext: string; mime: string; slug: string }>> = {
  image: { ext: 'jpg', mime: 'image/jpeg', slug: 'product' },
  video: { ext: 'mp4', mime: 'video/mp4', slug: 'unboxing' },
  audio: { ext: 'ogg', mime: 'audio/ogg', slug: 'voice-note' },
  document: { ext: 'pdf', mime: 'application/pdf', slug: 'invoice' },
  file: { ext: 'pdf', mime: 'application/pdf', slug: 'invoice' },
  sticker: { ext: 'webp', mime: 'image/webp', slug: 'sticker' },
};

/** Seeded makers of values that read like a provider's own; one per sample. */
export class PlausibleValues {
  /** The customer's name, order and place: the same throughout one sample. */
  readonly name: string;
  readonly order: string;
  readonly place: { name: string; address: string; lat: number; lng: number };

  constructor(
    readonly faker: Faker,
    readonly region: Region,
  ) {
    this.name = faker.helpers.arrayElement(NAMES[region]);
    this.order = faker.string.numeric({ length: 5, allowLeadingZeros: false });
    this.place = faker.helpers.arrayElement(PLACES[region]);
  }

  /** A mobile number of the region in E.164 without the `+`: `91` and ten digits from 6-9, or `467` and eight. */
  mobile(): string {
    const { faker } = this;
    return this.region === 'IN'
      ? `91${faker.helpers.arrayElement(['6', '7', '8', '9'])}${faker.string.numeric(9)}`
      : `467${faker.helpers.arrayElement(['0', '2', '3', '6', '9'])}${faker.string.numeric(7)}`;
  }

  /** A ULID (26 Crockford base-32 characters, time first), the ids of Sinch's APIs and of the simulator. */
  ulid(atMs: number): string {
    let time = atMs;
    let head = '';
    for (let i = 0; i < 10; i++) {
      head = CROCKFORD[time % 32]! + head;
      time = Math.floor(time / 32);
    }
    return head + this.faker.string.fromCharacters(CROCKFORD, 16);
  }

  /** CleverTap's WhatsApp message id: `<id>|<epoch seconds>|<yyyymmdd>|<id>`. */
  whatsappMsgId(epochSeconds: number): string {
    const id = this.faker.string.numeric({ length: 7, allowLeadingZeros: false });
    return `${id}|${epochSeconds}|${dayOf(epochSeconds * 1000)}|${id}`;
  }

  /** CleverTap's SMS message id ($$MessageID): `<recipient>.1200000000.<epoch seconds>.<yyyymmdd>.0.wzrk_default.-1.`. */
  smsMsgId(recipient: string, epochSeconds: number): string {
    return `${recipient}.1200000000.${epochSeconds}.${dayOf(epochSeconds * 1000)}.0.wzrk_default.-1.`;
  }

  /** A message a business sends. */
  businessText(): string {
    const { faker } = this;
    return faker.helpers.arrayElement(BUSINESS_TEXTS)({
      name: this.name,
      otp: faker.string.numeric({ length: 6, allowLeadingZeros: false }),
      order: this.order,
      weekday: faker.helpers.arrayElement(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']),
      hour: faker.number.int({ min: 9, max: 17 }),
    });
  }

  /** What a customer writes. */
  customerText(): string {
    return this.faker.helpers.arrayElement(CUSTOMER_TEXTS);
  }

  /** A link a message carries, e.g. to track an order. */
  pageUrl(): string {
    return this.faker.helpers.arrayElement([
      `https://shop.example.com/orders/${this.order}`,
      `https://shop.example.com/track/${this.order}`,
      'https://shop.example.com/offers/summer-sale',
    ]);
  }

  /** Where a media file of `kind` (image, video, audio, document) is hosted. */
  mediaUrl(kind: string | undefined): string {
    const media = MEDIA[kind ?? 'image'] ?? MEDIA.image!;
    return `https://cdn.example.com/media/${media.slug}-${this.order}.${media.ext}`;
  }

  /** A gateway endpoint that takes `provider`'s callbacks. */
  callbackUrl(provider: string, kind?: string): string {
    return `https://gateway.example.com/callbacks/${provider}${kind ? `/${kind}` : ''}`;
  }

  /** A browser user agent. */
  userAgent(): string {
    return this.faker.helpers.arrayElement(USER_AGENTS);
  }

  /** A reference a gateway gives its message, e.g. `order-48213`. */
  reference(): string {
    return this.faker.helpers.arrayElement([
      `order-${this.order}`,
      `otp-${this.faker.string.numeric(6)}`,
      `campaign-${this.faker.helpers.arrayElement(['diwali', 'spring', 'welcome'])}-${this.order}`,
    ]);
  }

  /** A secret shared with a webhook or a client: 32 letters and digits. */
  secret(): string {
    return this.faker.string.alphanumeric(32);
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `yyyymmdd` of `ms` in UTC. */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}
