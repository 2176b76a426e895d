import { createRandom, type Random } from '../../src/engine/random.js';

/** One route to aim at: method and path (path parameters already filled). */
export interface FuzzRoute {
  method: string;
  path: string;
}

/** The families of hostile input the generator produces. */
export const HOSTILE_KINDS = [
  'deep-nesting',
  'huge-array',
  'wrong-types',
  'invalid-utf8',
  'oversized-headers',
  'wrong-content-type',
  'truncated-body',
  'form-body',
  'yaml-bomb',
  'prototype-keys',
  'random-bytes',
  'odd-path',
] as const;

/** One family of hostile input. */
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** A request as raw bytes, with what it is for the report. */
export interface HostileRequest {
  kind: HostileKind;
  route: FuzzRoute;
  /** The whole HTTP/1.1 request, head and body. */
  bytes: Buffer;
  /** A short description of the input, for the report. */
  label: string;
}

/** How large the worst inputs get: the suite keeps them small, `npm run fuzz` goes further. */
export interface FuzzScale {
  /** Deepest nesting. */
  maxDepth: number;
  /** Most array items. */
  maxItems: number;
  /** Largest body, in bytes. */
  maxBytes: number;
}

/** Admin routes (`:id` and `:name` filled by the generator); the event stream is left out: it never ends. */
export const ADMIN_ROUTES: readonly FuzzRoute[] = [
  { method: 'GET', path: '/__admin/health' },
  { method: 'GET', path: '/__admin/journal' },
  { method: 'DELETE', path: '/__admin/journal' },
  { method: 'GET', path: '/__admin/requests/unmatched' },
  { method: 'POST', path: '/__admin/reset' },
  { method: 'GET', path: '/__admin/providers' },
  { method: 'GET', path: '/__admin/inbound' },
  { method: 'POST', path: '/__admin/inbound' },
  { method: 'POST', path: '/__admin/messages/:id/status' },
  { method: 'GET', path: '/__admin/faults' },
  { method: 'POST', path: '/__admin/faults' },
  { method: 'DELETE', path: '/__admin/faults' },
  { method: 'DELETE', path: '/__admin/faults/:id' },
  { method: 'POST', path: '/__admin/scenarios' },
  { method: 'DELETE', path: '/__admin/scenarios/:name' },
  { method: 'GET', path: '/__admin/ui/index.html' },
];

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random.next() * items.length)]!;
const int = (random: Random, max: number): number => 1 + Math.floor(random.next() * max);
/** Mostly small, now and then the largest the scale allows. */
const size = (random: Random, max: number): number =>
  random.next() < 0.1 ? max : int(random, Math.max(1, Math.floor(max / 50)));

const WRONG_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(300),
  [],
  {},
  [null],
  { '': '' },
  '\u0000',
  '\ud800',
  '919800000001',
];
const FIELDS = [
  'to',
  'from',
  'text',
  'msgid',
  'appid',
  'userId',
  'pass',
  'type',
  'components',
  'template',
  'recipient',
  'message',
  'app_id',
  'status',
  'code',
  'provider',
  'rules',
  'name',
  'latency',
  'errorRate',
  'buttons',
  'media',
  'location',
  'choice',
];

function deep(random: Random, depth: number): string {
  const open = pick(random, ['[', '{"a":']);
  const close = open === '[' ? ']' : '}';
  return open.repeat(depth) + '1' + close.repeat(depth);
}

function wrongTypes(random: Random): string {
  const out: Record<string, unknown> = {};
  const n = int(random, 8);
  for (let i = 0; i < n; i++) out[pick(random, FIELDS)] = pick(random, WRONG_VALUES);
  return random.next() < 0.2 ? JSON.stringify(pick(random, WRONG_VALUES)) : JSON.stringify(out);
}

function hugeArray(random: Random, items: number): string {
  const item = pick(random, ['{}', '{"type":"x"}', '"x"', '0', '{"type":"button","text":""}']);
  const array = `[${new Array<string>(items).fill(item).join(',')}]`;
  const field = pick(random, ['components', 'to', 'messages', 'rules', 'buttons', '']);
  return field === '' ? array : `{"${field}":${array},"type":"template"}`;
}

function yamlBomb(random: Random, depth: number): string {
  const levels = Math.min(9, Math.max(2, Math.floor(Math.log2(depth))));
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) {
    lines.push(`a${i}: &a${i} [${new Array<string>(9).fill(`*a${i - 1}`).join(',')}]`);
  }
  lines.push(`name: bomb${int(random, 1000)}`, `rules: *a${levels - 1}`);
  return lines.join('\n');
}

function formBody(random: Random): string {
  const parts: string[] = [];
  const n = int(random, 30);
  for (let i = 0; i < n; i++) {
    const key = pick(random, [...FIELDS, 'a[b][c][d]', '__proto__[x]', 'to[]', '%zz', '']);
    parts.push(`${key}=${pick(random, ['', '%', '%E0%A4', '1', 'a'.repeat(int(random, 2000))])}`);
  }
  return parts.join('&');
}

function fillPath(random: Random, path: string): string {
  return path
    .replace(':id', pick(random, ['m-1', '%00', '..%2F..', 'x'.repeat(500), '%E0%A4%A']))
    .replace(':name', pick(random, ['default', '%ZZ', 'a/b', '']));
}

/** Builds the raw request: head with `headers`, then `body` (whose declared length may lie). */
function raw(
  route: FuzzRoute,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
  declaredLength = body.length,
): Buffer {
  const head = [
    `${route.method} ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: close',
    `Content-Length: ${declaredLength}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/** One hostile request of `kind` at `route`, drawn from `random`. */
export function hostileRequest(
  random: Random,
  kind: HostileKind,
  route: FuzzRoute,
  scale: FuzzScale,
): HostileRequest {
  const path = fillPath(random, route.path);
  const json = { 'content-type': 'application/json' };
  const make = (label: string, bytes: Buffer): HostileRequest => ({ kind, route, bytes, label });
  switch (kind) {
    case 'deep-nesting': {
      const depth = size(random, scale.maxDepth);
      return make(`${depth}-deep JSON`, raw(route, path, json, Buffer.from(deep(random, depth))));
    }
    case 'huge-array': {
      const items = size(random, scale.maxItems);
      const body = Buffer.from(hugeArray(random, items));
      return make(`${items}-item array`, raw(route, path, json, body));
    }
    case 'wrong-types':
      return make('wrong types', raw(route, path, json, Buffer.from(wrongTypes(random))));
    case 'invalid-utf8': {
      const body = Buffer.concat([
        Buffer.from('{"text":"'),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0xf8]),
        Buffer.from('","to":"\u0000"}'),
      ]);
      return make('invalid UTF-8 in a string', raw(route, path, json, body));
    }
    case 'oversized-headers': {
      const bytes = int(random, 40_000);
      const headers = { ...json, 'x-filler': 'a'.repeat(bytes), authorization: 'Basic %%%' };
      return make(`${bytes}-byte header`, raw(route, path, headers, Buffer.from('{}')));
    }
    case 'wrong-content-type': {
      const type = pick(random, [
        'text/plain',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/x-www-form-urlencoded',
        'application/yaml',
        '*/*',
        'application/json; charset=bogus',
      ]);
      const body = Buffer.from(wrongTypes(random));
      return make(`JSON as ${type}`, raw(route, path, { 'content-type': type }, body));
    }
    case 'truncated-body': {
      const full = Buffer.from(wrongTypes(random));
      const cut = full.subarray(0, Math.floor(full.length / 2));
      // Either a truncated text with an honest length, or a length the body never reaches.
      return random.next() < 0.5
        ? make('truncated JSON', raw(route, path, json, cut))
        : make('body shorter than Content-Length', raw(route, path, json, cut, full.length));
    }
    case 'form-body': {
      const headers = { 'content-type': 'application/x-www-form-urlencoded' };
      return make('form body', raw(route, path, headers, Buffer.from(formBody(random))));
    }
    case 'yaml-bomb': {
      const type = pick(random, ['text/plain', 'application/yaml', 'application/json']);
      const body = Buffer.from(yamlBomb(random, scale.maxDepth));
      return make(`YAML alias bomb as ${type}`, raw(route, path, { 'content-type': type }, body));
    }
    case 'prototype-keys': {
      const body = pick(random, [
        '{"__proto__":{"polluted":1},"to":"1"}',
        '{"constructor":{"prototype":{"polluted":1}}}',
        '{"provider":"__proto__","from":"1","text":"x"}',
        '{"provider":"constructor","from":"1"}',
        '{"status":"__proto__","code":"x"}',
        '{"rules":[{"__proto__":{}}]}',
      ]);
      return make('prototype keys', raw(route, path, json, Buffer.from(body)));
    }
    case 'random-bytes': {
      const n = size(random, Math.min(scale.maxBytes, 65_536));
      const body = Buffer.alloc(n);
      for (let i = 0; i < n; i++) body[i] = Math.floor(random.next() * 256);
      return make(`${n} random bytes`, raw(route, path, json, body));
    }
    case 'odd-path': {
      const odd = pick(random, [
        `${path}/../../etc/passwd`,
        `${path}?${'a=1&'.repeat(2000)}`,
        `${path}%`,
        `${path}?pass=%E0%A4%A&authkey=x`,
        `//${path}`,
        `${path}#frag`,
        `${path}/%00`,
      ]);
      return make('odd path or query', raw(route, odd, json, Buffer.from(wrongTypes(random))));
    }
  }
}

/** A seeded, endless-on-demand stream of hostile requests over `routes`. */
export function* hostileRequests(
  seed: string,
  routes: readonly FuzzRoute[],
  scale: FuzzScale,
  kinds: readonly HostileKind[] = HOSTILE_KINDS,
): Generator<HostileRequest> {
  const random = createRandom(seed);
  for (;;) yield hostileRequest(random, pick(random, kinds), pick(random, routes), scale);
}
