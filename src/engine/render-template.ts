/**
 * Fills a JSON template: a string that is exactly `{{name}}` becomes `values[name]` (of any JSON
 * type); other strings get each `{{name}}` replaced by the value's text. Unknown names stay as written.
 */
export function renderTemplate(
  template: unknown,
  values: Readonly<Record<string, unknown>>,
): unknown {
  if (typeof template === 'string') {
    const whole = /^\{\{(\w+)\}\}$/.exec(template)?.[1];
    if (whole !== undefined && whole in values) return values[whole];
    return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) =>
      name in values ? String(values[name]) : match,
    );
  }
  if (Array.isArray(template)) return template.map((item) => renderTemplate(item, values));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(
      Object.entries(template).map(([k, v]) => [k, renderTemplate(v, values)]),
    );
  }
  return template;
}
