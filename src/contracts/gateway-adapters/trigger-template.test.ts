import { describe, expect, it } from 'vitest';
import { checkPlaceholders, renderTemplate, selectAll } from './trigger-template.js';

describe('renderTemplate', () => {
  const values = {
    provider: 'sinch-sms',
    to: ['919800000001', '919800000002'],
    international: false,
  };

  it('keeps the type of a whole-string placeholder and joins arrays inside longer strings', () => {
    expect(
      renderTemplate(
        { to: '{{to}}', international: '{{ international }}', note: 'to {{to}} via {{provider}}' },
        values,
      ),
    ).toEqual({
      to: ['919800000001', '919800000002'],
      international: false,
      note: 'to 919800000001,919800000002 via sinch-sms',
    });
  });

  it('leaves out keys and items whose whole-string placeholder has no value', () => {
    expect(
      renderTemplate({ templateId: '{{templateId}}', list: ['{{templateId}}', 'x'] }, values),
    ).toEqual({
      list: ['x'],
    });
  });

  it('reads {{env.NAME}} from the environment', () => {
    expect(renderTemplate('Bearer {{env.TOKEN}}', values, { TOKEN: 's3cret' })).toBe(
      'Bearer s3cret',
    );
  });
});

describe('checkPlaceholders', () => {
  it('names the field and the unknown placeholder, and lists the known ones', () => {
    expect(() =>
      checkPlaceholders({ body: { to: '{{recipient}}' } }, ['provider', 'to'], '/gateway/trigger'),
    ).toThrow(
      'config /gateway/trigger/body/to: unknown placeholder {{recipient}}; known: {{provider}}, {{to}}, {{env.NAME}}',
    );
  });

  it('accepts known placeholders and env ones', () => {
    expect(() => checkPlaceholders(['{{to}}', '{{env.X}}'], ['to'], '/t')).not.toThrow();
  });
});

describe('selectAll', () => {
  it('collects every value a wildcard pointer reaches', () => {
    const answer = { messages: [{ id: 'a' }, { id: 'b' }, { other: 1 }] };
    expect(selectAll(answer, '/messages/*/id')).toEqual(['a', 'b']);
    expect(selectAll({ id: 'x' }, '/id')).toEqual(['x']);
    expect(selectAll(answer, '/nothing/*')).toEqual([]);
  });
});
