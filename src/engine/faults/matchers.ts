import type { IncomingHttpHeaders } from 'node:http';
import type { Random } from '../random.js';

/** What fault matchers can see of a request. */
export interface RequestFacts {
  provider: string;
  route: string;
  recipients: readonly string[];
  headers: IncomingHttpHeaders;
  /** Route parameters (e.g. `region`). */
  params: Readonly<Record<string, string>>;
  /** The parsed body. */
  body: unknown;
  /** Epoch ms of receipt, on the injected clock (time windows count from their rule's loading). */
  now: number;
}

/** One condition of a fault rule. */
export interface Matcher {
  /** kebab-case discriminator. */
  type: string;
  matches(facts: RequestFacts): boolean;
  /** A phrase for the rule's sentence, e.g. "for sinch-sms". */
  explain(): string;
}

/** A value test: exact string equality, or a regular expression. */
export interface ValueTest {
  equals?: string;
  matches?: string;
}

function valueTester(test: ValueTest): { test(value: unknown): boolean; text: string } {
  const regex = test.matches !== undefined ? new RegExp(test.matches) : undefined;
  return {
    test: (value) => {
      const text =
        typeof value === 'string' ? value : value === undefined ? undefined : JSON.stringify(value);
      if (text === undefined) return false;
      return (
        (test.equals === undefined || text === test.equals) &&
        (regex === undefined || regex.test(text))
      );
    },
    text: test.equals !== undefined ? `= ${JSON.stringify(test.equals)}` : `~ /${test.matches}/`,
  };
}

/** Matches requests to any of `providers`. */
export function forProvider(...providers: string[]): Matcher {
  return {
    type: 'provider',
    matches: (f) => providers.includes(f.provider),
    explain: () => `for ${providers.join(' or ')}`,
  };
}

/** Matches one route of the provider. */
export function forRoute(route: string): Matcher {
  return { type: 'route', matches: (f) => f.route === route, explain: () => `on route ${route}` };
}

/** Matches when any recipient equals, starts with, or matches the pattern (a leading `+` is ignored). */
export function forRecipient(pattern: {
  exact?: string;
  prefix?: string;
  regex?: string;
}): Matcher {
  const regex = pattern.regex !== undefined ? new RegExp(pattern.regex) : undefined;
  const plain = (r: string): string => r.replace(/^\+/, '');
  const exact = pattern.exact !== undefined ? plain(pattern.exact) : undefined;
  const prefix = pattern.prefix !== undefined ? plain(pattern.prefix) : undefined;
  const test = (raw: string): boolean => {
    const r = plain(raw);
    return (
      (exact !== undefined && r === exact) ||
      (prefix !== undefined && r.startsWith(prefix)) ||
      (regex !== undefined && regex.test(r))
    );
  };
  const described = exact ?? (prefix !== undefined ? `${prefix}…` : `/${pattern.regex}/`);
  return {
    type: 'recipient',
    matches: (f) => f.recipients.some(test),
    explain: () => `to ${described}`,
  };
}

/** Matches a request header (name compared case-insensitively). */
export function withHeader(name: string, test: ValueTest): Matcher {
  const lower = name.toLowerCase();
  const tester = valueTester(test);
  return {
    type: 'header',
    matches: (f) => {
      const raw = f.headers[lower];
      return tester.test(Array.isArray(raw) ? raw.join(', ') : raw);
    },
    explain: () => `with header ${lower} ${tester.text}`,
  };
}

/** The value at a JSON pointer, or undefined. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** Matches a body field by JSON pointer. */
export function withBodyField(pointer: string, test: ValueTest): Matcher {
  const tester = valueTester(test);
  return {
    type: 'body',
    matches: (f) => tester.test(valueAtPointer(f.body, pointer)),
    explain: () => `with body ${pointer} ${tester.text}`,
  };
}

/** Matches a route parameter (e.g. the Conversation API `region`). */
export function withParam(name: string, test: ValueTest): Matcher {
  const tester = valueTester(test);
  return {
    type: 'param',
    matches: (f) => tester.test(f.params[name]),
    explain: () => `where ${name} ${tester.text}`,
  };
}

/**
 * Matches between `afterMs` and `untilMs` after `loadedAt`, when the rule was loaded (or the
 * simulator reset; either bound optional), on the injected clock.
 */
export function duringWindow(
  afterMs: number | undefined,
  untilMs: number | undefined,
  loadedAt: number,
): Matcher {
  const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
  const at = (ms: number): string => new Date(loadedAt + ms).toISOString();
  return {
    type: 'time-window',
    matches: (f) =>
      (afterMs === undefined || f.now - loadedAt >= afterMs) &&
      (untilMs === undefined || f.now - loadedAt < untilMs),
    // The relative window as written, then the same window in absolute time on the rule's clock.
    explain: () => {
      if (afterMs !== undefined && untilMs !== undefined)
        return `from ${seconds(afterMs)} to ${seconds(untilMs)} after load (${at(afterMs)} to ${at(untilMs)})`;
      if (afterMs !== undefined) return `from ${seconds(afterMs)} after load (from ${at(afterMs)})`;
      return `within ${seconds(untilMs ?? 0)} of loading (until ${at(untilMs ?? 0)})`;
    },
  };
}

/** Matches a fraction `p` of requests, drawn from the injected random stream. */
export function withProbability(p: number, random: Random): Matcher {
  return {
    type: 'probability',
    matches: () => random.chance(p),
    explain: () => `${Math.round(p * 1000) / 10}% of the time`,
  };
}
