import type { SinchSmsRestSettings } from './settings.js';

/** Banner lines: the SDK options that point `SmsService` at the simulator, and the outcome rules. */
export function describeSinchSmsRest(settings: SinchSmsRestSettings): string[] {
  const plan = settings.servicePlans[0];
  const project = settings.projects[0];
  return [
    ...(plan
      ? [
          `SDK: new SmsService({ servicePlanId: '${plan.servicePlanId}', apiToken: '${plan.apiToken}', smsHostname: '<this url>/sinch-sms-rest/${settings.regions[0] ?? 'us'}' })`,
        ]
      : []),
    ...(project
      ? [
          `SDK (OAuth2): new SmsService({ projectId: '${project}', keyId, keySecret, authHostname: '<this url>/sinch/auth', smsHostname: '<this url>/sinch-sms-rest/zt/${settings.oauthRegions[0] ?? 'us'}' }) (tokens from the sinch-conversation token route)`,
        ]
      : []),
    `regions: ${settings.regions.join(', ')}; zt (OAuth2): ${settings.oauthRegions.join(', ')}; at most ${settings.maxRecipients} recipients per batch`,
    `outcomes (first match wins, else Delivered 0): ${settings.outcomes.map((o) => `/${o.recipient}/ -> ${o.code}`).join('; ')} (e.g. 46700000402 is Aborted 402, 46700000406 Expired 406)`,
  ];
}
