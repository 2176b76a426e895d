import type { Logger } from './logger.js';
import type { ProviderRuntime } from './provider-runtime.js';
import type { AcceptedMessage, PhonePreview, ProviderContext } from './types.js';

/** The provider's preview of `message`, or undefined; a failing preview is logged, never fatal. */
export function previewMessage(
  provider: ProviderRuntime,
  message: AcceptedMessage,
  body: unknown,
  context: ProviderContext,
  logger: Logger,
): PhonePreview | undefined {
  if (!provider.definition.preview) return undefined;
  try {
    return provider.definition.preview(message, body, context);
  } catch (error) {
    logger.warn('message preview failed', {
      provider: provider.definition.id,
      error: (error as Error).message,
    });
    return undefined;
  }
}
