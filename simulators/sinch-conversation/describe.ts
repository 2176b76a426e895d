import { allApps } from './apps.js';
import { SINCH_CONVERSATION_DEFAULTS, type SinchConversationSettings } from './settings.js';

const isDefault = <T>(value: T, fallback: T): boolean =>
  JSON.stringify(value) === JSON.stringify(fallback);

/**
 * Banner lines: the projects, apps and keys to configure a client with (the SDK's hostnames
 * included), the webhook secrets, the approved WhatsApp templates and the outcome rules.
 * @see https://github.com/sinch/sinch-sdk-node/blob/main/packages/sdk-client/src/domain/domain-interface.ts
 */
export function describeSinchConversation(settings: SinchConversationSettings): string[] {
  const lines: string[] = [];
  for (const project of settings.projects) {
    const keys = project.accessKeys.map((k) => `${k.keyId} / ${k.keySecret}`).join(', ');
    lines.push(`project ${project.projectId}: access key ${keys || '(none)'}`);
  }
  for (const { project, app } of allApps(settings)) {
    const hooks = app.webhooks
      .map(
        (w) =>
          `${w.id} -> ${w.target ?? '(the simulator callback URL)'} [${w.triggers.join(', ')}]${w.secret ? ` secret ${w.secret}` : ' unsigned'}`,
      )
      .join('; ');
    lines.push(
      `app ${app.appId} (project ${project.projectId}, region ${app.region}, ${app.processingMode}, channels ${app.channels.join(', ')}); webhooks: ${hooks || '(none)'}${app.secretForOverriddenCallbackUrls ? `; callback_url secret ${app.secretForOverriddenCallbackUrls}` : ''}`,
    );
  }
  lines.push(
    'SDK: new SinchClient({ projectId, keyId, keySecret, authHostname: "<url>/sinch/auth", conversationHostname: "<url>/sinch/<region>" })',
  );
  const { tokens } = settings;
  lines.push(
    `tokens: expires_in ${tokens.expiresInSeconds} s; token route ${tokens.rateLimit ? `throttled at ${tokens.rateLimit.capacity} burst, ${tokens.rateLimit.refillPerSecond}/s` : 'not throttled'}`,
  );
  lines.push(
    `WhatsApp templates (${settings.templateCheck}): ${settings.whatsappTemplates
      .map(
        (t) =>
          `${t.name} [${t.languages.join(', ')}] ${t.parameters.join(' ') || '(no parameters)'}`,
      )
      .join('; ')}`,
  );
  lines.push(
    `outcomes (first match wins, else delivered): ${settings.outcomes
      .map(
        (o) =>
          `/${o.identity}/${o.channel ? ` on ${o.channel}` : ''} -> ${o.outcome}${o.reason ? ` ${o.reason}` : ''}`,
      )
      .join(
        '; ',
      )}${isDefault(settings.outcomes, SINCH_CONVERSATION_DEFAULTS.outcomes) ? ' (e.g. 46700000400 fails RECIPIENT_NOT_REACHABLE, 46700000100 is read)' : ''}`,
  );
  return lines;
}
