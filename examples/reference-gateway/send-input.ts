import type { SendInput } from './providers/gateway-provider.js';

/** A problem with a request to the gateway's own API, naming the field. */
export interface InputProblem {
  pointer: string;
  message: string;
}

/** `POST /send` as read: the provider id and the send itself. */
export interface SendCommand {
  provider: string;
  input: SendInput;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Reads `{provider, to: string | string[], text, templateId?, international?}`, or names what is wrong. */
export function readSendCommand(body: unknown): SendCommand | { problem: InputProblem } {
  const problem = (pointer: string, message: string): { problem: InputProblem } => ({
    problem: { pointer, message },
  });
  if (!isObject(body)) return problem('', 'body must be a JSON object');
  const { provider, to, text, templateId, international } = body;
  if (typeof provider !== 'string' || provider === '')
    return problem('/provider', `/provider must be a provider id; got ${JSON.stringify(provider)}`);
  const recipients = typeof to === 'string' ? [to] : to;
  if (
    !Array.isArray(recipients) ||
    recipients.length === 0 ||
    !recipients.every((r): r is string => typeof r === 'string' && /^\+?[0-9]{6,15}$/.test(r))
  ) {
    return problem(
      '/to',
      `/to must be a phone number (digits, optional leading +) or a non-empty array of them; got ${JSON.stringify(to)?.slice(0, 120)}`,
    );
  }
  if (typeof text !== 'string' || text === '')
    return problem('/text', `/text must be a non-empty string; got ${JSON.stringify(text)}`);
  if (templateId !== undefined && (typeof templateId !== 'string' || templateId === ''))
    return problem(
      '/templateId',
      `/templateId must be a non-empty string when given; got ${JSON.stringify(templateId)}`,
    );
  if (international !== undefined && typeof international !== 'boolean')
    return problem(
      '/international',
      `/international must be true or false when given; got ${JSON.stringify(international)}`,
    );
  return {
    provider,
    input: {
      to: recipients,
      text,
      ...(templateId !== undefined && { templateId }),
      international: international ?? false,
    },
  };
}
