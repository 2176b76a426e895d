import type { ClevertapWhatsappSettings, DelayRange } from './settings.js';

const range = (r: DelayRange): string => (r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`);

const TEMPLATE_CHECK: Record<ClevertapWhatsappSettings['templateCheck'], string> = {
  reject: 'unknown templates and parameter-count mismatches are rejected with 2001',
  dlr: 'unknown templates and parameter-count mismatches fail in the DLR with 1001',
  off: 'templates are not checked',
};

/** Banner lines every CleverTap Generic WhatsApp provider prints: numbers, templates, rules, timing. */
export function describeClevertapWhatsapp(settings: ClevertapWhatsappSettings): string[] {
  const templates = Object.entries(settings.templates).flatMap(([name, languages]) =>
    Object.entries(languages).map(
      ([language, spec]) => `${name} (${language}, ${spec.parameters})`,
    ),
  );
  const { hours, enforce } = settings.sessionWindow;
  const { sent, delivered, read } = settings.delaysMs;
  return [
    `business number(s): ${settings.wabaNumbers.join(', ') || '(any)'}`,
    `approved templates (name, language, body parameters): ${templates.join('; ') || '(none)'}`,
    `${TEMPLATE_CHECK[settings.templateCheck]}; ${
      enforce
        ? `freeform messages need an inbound message from the number within ${hours} h, else they fail with 1008`
        : 'the 24-hour window is not enforced'
    }`,
    `outcomes (first match wins, else sent -> delivered -> read): ${
      settings.outcomes
        .map((o) => `/${o.recipient}/ -> ${o.outcome}${o.code ? ` ${o.code}` : ''}`)
        .join('; ') || '(none)'
    }`,
    `status delays: sent ${range(sent)} ms, delivered +${range(delivered)} ms, read +${range(read)} ms${
      settings.readWithoutDelivered > 0
        ? `; read skips delivered with probability ${settings.readWithoutDelivered}`
        : ''
    }${settings.clicks.rate > 0 ? `; URL buttons clicked with probability ${settings.clicks.rate}` : ''}`,
  ];
}
