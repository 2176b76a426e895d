import type { IncomingHttpHeaders } from 'node:http';
import type { Random } from '../random.js';

/** What fault matchers can see of a request. */
export interface RequestFacts {
  provider: string;
  route: string;
  recipients: readonly string[];
  headers: IncomingHttpHeaders;
}

/** One condition of a fault rule. */
export interface Matcher {
  /** kebab-case discriminator, as in scenario files. */
  type: string;
  matches(facts: RequestFacts): boolean;
  /** A phrase for the rule's sentence, e.g. "for sinch-sms". */
  explain(): string;
}

/** Matches requests to one provider. */
export function forProvider(provider: string): Matcher {
  return {
    type: 'provider',
    matches: (f) => f.provider === provider,
    explain: () => `for ${provider}`,
  };
}

/** Matches one route of the provider. */
export function forRoute(route: string): Matcher {
  return { type: 'route', matches: (f) => f.route === route, explain: () => `on route ${route}` };
}

/** Matches when any recipient equals, starts with, or matches the pattern. */
export function forRecipient(pattern: {
  exact?: string;
  prefix?: string;
  regex?: string;
}): Matcher {
  const regex = pattern.regex !== undefined ? new RegExp(pattern.regex) : undefined;
  const test = (r: string): boolean =>
    (pattern.exact !== undefined && r === pattern.exact) ||
    (pattern.prefix !== undefined && r.startsWith(pattern.prefix)) ||
    (regex !== undefined && regex.test(r));
  const described =
    pattern.exact ?? (pattern.prefix !== undefined ? `${pattern.prefix}…` : `/${pattern.regex}/`);
  return {
    type: 'recipient',
    matches: (f) => f.recipients.some(test),
    explain: () => `to ${described}`,
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
