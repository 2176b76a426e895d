import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.js';

describe('renderTemplate', () => {
  it('replaces a whole-string placeholder with the value of any type, and interpolates the rest', () => {
    const out = renderTemplate(
      {
        n: '{{count}}',
        list: '{{items}}',
        text: 'id {{id}} of {{count}}',
        keep: '{{unknown}}',
        num: 3,
      },
      { count: 2, items: [{ a: 1 }], id: 'x' },
    );
    expect(out).toEqual({ n: 2, list: [{ a: 1 }], text: 'id x of 2', keep: '{{unknown}}', num: 3 });
  });
});

describe('renderTemplate keys', () => {
  it('keeps an own __proto__ key a key', () => {
    const template = JSON.parse('{"__proto__": {"a": "{{x}}"}, "b": "{{x}}"}') as unknown;
    const out = renderTemplate(template, { x: 1 }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"a":1},"b":1}');
  });
});
