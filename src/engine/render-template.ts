/**
 * Fills a JSON template: a string that is exactly `{{name}}` becomes `values[name]` (of any JSON
 * type); other strings get each `{{name}}` replaced by the value's text. Unknown names stay as written.
 */
export function renderTemplate(
  template: unknown,
  values: Readonly<Record<string, unknown>>,
): unknown {
  if (typeof template === 'string') {
    // Most strings of a template are plain text: no regex for them.
    if (!template.includes('{{')) return template;
    const whole = /^\{\{(\w+)\}\}$/.exec(template)?.[1];
    if (whole !== undefined && whole in values) return values[whole];
    return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) =>
      name in values ? String(values[name]) : match,
    );
  }
  if (Array.isArray(template)) return template.map((item) => renderTemplate(item, values));
  if (template !== null && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(template)) {
      const value = renderTemplate((template as Record<string, unknown>)[key], values);
      // An own `__proto__` key stays a key, as Object.fromEntries would keep it.
      if (key === '__proto__') {
        Object.defineProperty(out, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else out[key] = value;
    }
    return out;
  }
  return template;
}
