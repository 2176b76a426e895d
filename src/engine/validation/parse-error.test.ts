import { describe, expect, it } from 'vitest';
import { describeParseError } from './parse-error.js';

const SECRET = 'Zq9Wx7Vb8Np6Lk';

/** Every 4-character stretch of the secret: none may appear in an error message. */
const pieces = Array.from({ length: SECRET.length - 3 }, (_, i) => SECRET.slice(i, i + 4));

/** The message for `text`, which must not be JSON. */
function describeText(text: string, secrets: ReadonlySet<string> = new Set()): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return describeParseError(error as Error, text, secrets);
  }
  throw new Error(`expected ${text} not to be JSON`);
}

/** Bodies holding the secret under a secret-named key, directly or inside a container. */
const BODIES: { body: string; secrets?: Set<string> }[] = [
  { body: JSON.stringify({ appid: 'clvrtap', pass: SECRET, x: 1 }) },
  { body: JSON.stringify({ user: 'u', password: `${SECRET}-rest`, to: ['919800000001'] }) },
  { body: JSON.stringify({ auth: { user: 'u', value: SECRET }, text: 'hello' }) },
  { body: JSON.stringify({ apiKey: ['first', SECRET], to: 1 }) },
  { body: JSON.stringify({ a: [{ client_secret: SECRET }], b: 2 }) },
  { body: JSON.stringify({ sid: SECRET, x: 1 }), secrets: new Set(['sid']) },
  { body: `{"pass" : 12${SECRET.replace(/\D/g, '')}, "x": 1}` },
];

/** Ways to break a body at `at`: each leaves an error at or near that offset. */
const BREAKS: { name: string; apply: (body: string, at: number) => string }[] = [
  { name: 'a bad escape', apply: (b, at) => `${b.slice(0, at)}\\q${b.slice(at)}` },
  { name: 'a control character', apply: (b, at) => `${b.slice(0, at)}\t${b.slice(at)}` },
  { name: 'a stray quote', apply: (b, at) => `${b.slice(0, at)}"${b.slice(at)}` },
  { name: 'a stray brace', apply: (b, at) => `${b.slice(0, at)}}${b.slice(at)}` },
  { name: 'a stray bracket', apply: (b, at) => `${b.slice(0, at)}[${b.slice(at)}` },
  { name: 'a stray comma', apply: (b, at) => `${b.slice(0, at)},${b.slice(at)}` },
  { name: 'a missing character', apply: (b, at) => `${b.slice(0, at)}${b.slice(at + 1)}` },
  { name: 'the end cut off', apply: (b, at) => b.slice(0, at) },
];

describe('parse error messages', () => {
  it("quotes none of a secret's value, wherever the error falls", () => {
    const leaks: string[] = [];
    let described = 0;
    for (const { body, secrets } of BODIES) {
      for (const { name, apply } of BREAKS) {
        for (let at = 0; at <= body.length; at++) {
          const text = apply(body, at);
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          if (valid) continue;
          const message = describeText(text, secrets);
          described++;
          const digits = SECRET.replace(/\D/g, '');
          if (pieces.some((p) => message.includes(p)) || message.includes(digits.slice(0, 4))) {
            leaks.push(`${name} at ${at} of ${body}: ${message}`);
          }
        }
      }
    }
    expect(described).toBeGreaterThan(1000);
    expect(leaks).toEqual([]);
  });

  it('hides the rest of a secret the error falls inside', () => {
    const message = describeText(
      String.raw`{"appid":"clvrtap","pass":"hunter2\qsecretrest","x":1}`,
    );
    expect(message).not.toMatch(/secretrest|hunter2/);
    expect(message).toBe(
      'the request body is not valid JSON: Bad escaped character at byte 35 (after "ppid\\":\\"clvrtap\\",\\"pass\\":\\"[redacted]\\"")',
    );
  });

  it('quotes what precedes the error when it is not secret, and no token the parser names', () => {
    expect(describeText('{"to":"919800000001","text":"hi",}')).toBe(
      'the request body is not valid JSON: Expected double-quoted property name at byte 33 (after "\\"to\\":\\"919800000001\\",\\"text\\":\\"hi\\",")',
    );
    expect(describeText('{"pass":"x1" "to":"1"}')).toBe(
      'the request body is not valid JSON: Expected \',\' or \'}\' after property value at byte 13 (after "{\\"pass\\":\\"[redacted]\\" ")',
    );
    // The parser's message would quote the body around the token; the offset is found instead.
    expect(describeText('{"pin":12x34}')).toBe(
      'the request body is not valid JSON: Expected \',\' or \'}\' after property value at byte 9 (after "{\\"pin\\":12")',
    );
    // After a secret's key, only the structure: a stray bracket or quote in a secret's value can
    // leave parts of it anywhere later.
    expect(describeText('{"auth":{"user":"u","pw":"p1"},"a":x}')).toBe(
      'the request body is not valid JSON: Unexpected token at byte 35 (after "uth\\":{\\"[redacted]\\":\\"[redacted]\\",\\"[redacted]\\":\\"[redacted]\\"},\\"[redacted]\\":")',
    );
  });
});
