/** A button of a catalog template; `{{n}}` in `parameter` is filled from the body's parameters. */
export interface CatalogButton {
  subType: 'dynamicUrl' | 'staticUrl' | 'callPhone' | 'quickReply' | 'copy_code';
  buttonText: string;
  parameter?: string;
}

/** A template as saved in CleverTap's dashboard: name, language and the parts of its content. */
export interface CatalogTemplate {
  namespace: string;
  languageCode: string;
  /** Body with positional `{{1}}`, `{{2}}` ... placeholders. */
  body: string;
  headerImage?: string;
  footer?: string;
  buttons?: CatalogButton[];
}

/** The templates of the simulator's sandbox registry, with content matching their documented samples. */
export const DEFAULT_TEMPLATES: CatalogTemplate[] = [
  {
    namespace: 'order_shipped',
    languageCode: 'en',
    headerImage: 'https://cdn.example.com/p.png',
    body: 'Hi {{1}}, order {{2}} has shipped.',
    footer: 'Reply STOP to opt out',
    buttons: [
      {
        subType: 'dynamicUrl',
        buttonText: 'Track',
        parameter: 'https://shop.example.com/track/{{2}}',
      },
      { subType: 'quickReply', buttonText: 'STOP' },
    ],
  },
  {
    namespace: 'whatsapp:hsm:technology:generic:verify',
    languageCode: 'en',
    body: '{{1}} code: {{2}}.Valid for {{3}} minutes.',
  },
];

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The positional parameters that fill `template.body` to give `text`, or undefined when `text` is not
 * that body filled in. CleverTap sends the rendered body and its parameters side by side.
 * @see https://docs.clevertap.com/docs/generic-whatsapp
 */
export function parametersFor(template: CatalogTemplate, text: string): string[] | undefined {
  const order: number[] = [];
  const pattern = template.body
    .split(/(\{\{\d+\}\})/)
    .map((part) => {
      const placeholder = /^\{\{(\d+)\}\}$/.exec(part);
      if (!placeholder) return escapeRegex(part);
      order.push(Number(placeholder[1]));
      return '(.+?)';
    })
    .join('');
  const match = new RegExp(`^${pattern}$`, 's').exec(text);
  if (!match) return undefined;
  const values: string[] = [];
  order.forEach((n, i) => (values[n - 1] = match[i + 1]!));
  return values;
}

/** `text` with each `{{n}}` replaced by the n-th parameter. */
export const fillPlaceholders = (text: string, parameters: readonly string[]): string =>
  text.replace(/\{\{(\d+)\}\}/g, (_, n: string) => parameters[Number(n) - 1] ?? '');
