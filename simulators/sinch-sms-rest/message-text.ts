/** A batch's `parameters`: for each key, a value per recipient and an optional `default`. */
export type BatchParameters = Record<string, Record<string, string>>;

/** The text one recipient gets, or the first `${key}` that has neither a value nor a default. */
export function personalise(
  body: string,
  recipient: string,
  parameters: BatchParameters | undefined,
): { text: string } | { unmatched: string } {
  let unmatched: string | undefined;
  const text = body.replace(/\$\{([A-Za-z0-9._-]{1,16})\}/g, (whole, key: string) => {
    const values = parameters?.[key];
    if (!values) return whole;
    const value = values[recipient] ?? values[recipient.replace(/^\+/, '')] ?? values.default;
    if (value === undefined) {
      unmatched ??= key;
      return whole;
    }
    return value;
  });
  return unmatched === undefined ? { text } : { unmatched };
}

// The GSM 03.38 basic character set and its extension table (which costs two septets).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** How a text travels and in how many parts: GSM-7 (160 / 153 per part) or UCS-2 (70 / 67). */
export function messageParts(text: string): { encoding: 'GSM' | 'UNICODE'; parts: number } {
  let septets = 0;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENDED.includes(char)) septets += 2;
    else {
      const units = [...text].reduce((n, c) => n + (c.codePointAt(0)! > 0xffff ? 2 : 1), 0);
      return { encoding: 'UNICODE', parts: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM', parts: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

/** An MSISDN as the API takes it: E.164 digits, with or without `+`. */
export const MSISDN = /^\+?[1-9][0-9]{4,14}$/;

/** The recipient without a leading `+`, as delivery reports name it. */
export const bareNumber = (recipient: string): string => recipient.replace(/^\+/, '');
