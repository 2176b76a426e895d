import { describe, expect, it } from 'vitest';
import { withoutCamelCaseTwins } from './unknown-flags.js';

describe('withoutCamelCaseTwins', () => {
  it('reports an unknown flag once, in the form the user typed', () => {
    expect(withoutCamelCaseTwins('Unknown arguments: bogus-flag, bogusFlag')).toBe(
      'Unknown argument: bogus-flag',
    );
    expect(withoutCamelCaseTwins('Unknown arguments: a-b, aB, other')).toBe(
      'Unknown arguments: a-b, other',
    );
  });
});
