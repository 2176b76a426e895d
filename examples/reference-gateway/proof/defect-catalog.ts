import { GATEWAY_DEFECTS, type GatewayDefectName } from '../defects.js';
import type { ReferenceGatewayOptions } from '../gateway.js';
import { SINCH_CONVERSATION_DEFECTS } from '../providers/sinch-conversation-defects.js';

/** One defect switch of the reference gateway: what it breaks, and the gateway options that turn it on. */
export interface DefectSwitch {
  /** `dropDtm`, or `<provider>.<name>` for a provider module's own switch. */
  name: string;
  description: string;
  /** The provider whose module holds the switch; core switches have none. */
  provider?: string;
  options: Omit<ReferenceGatewayOptions, 'simulatorUrl'>;
}

/**
 * Providers the shared proof runs by default: those whose every case is killed by the shared core
 * switches and the tables below. The WhatsApp family and the Conversation API carry their own
 * kill matrices (test/integration/contracts-whatsapp.int.test.ts and
 * contracts-sinch-conversation.int.test.ts) until their modules join this catalog.
 */
export const PROOF_PROVIDERS: readonly string[] = ['sinch-sms'];

/**
 * Provider modules' own defect tables (set as `providers.<id>.defects` in the gateway options),
 * one row per provider that has one.
 */
export const PROVIDER_DEFECT_TABLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'sinch-conversation': SINCH_CONVERSATION_DEFECTS,
};

/**
 * Switches of `defects.ts` that live in one provider module rather than the shared core: they
 * can only change that provider's traffic, so only its cases run against them.
 */
export const MODULE_DEFECTS: Readonly<Partial<Record<GatewayDefectName, string>>> = {
  dropDtm: 'sinch-sms',
  numericFlags: 'sinch-sms',
  reuseMsgid: 'sinch-sms',
  noBatchSplit: 'sinch-sms',
  rejectUnknownDlrKeys: 'sinch-sms',
  wrongCredentials: 'sinch-sms',
};

/**
 * Every defect switch the proof runs: the core and shared ones (`defects.ts`), then the own
 * switches of each provider in `providers` (the providers whose contracts are run).
 */
export function defectSwitches(providers: readonly string[]): DefectSwitch[] {
  const core = (Object.keys(GATEWAY_DEFECTS) as GatewayDefectName[])
    .filter(
      (name) => MODULE_DEFECTS[name] === undefined || providers.includes(MODULE_DEFECTS[name]),
    )
    .map((name) => ({
      name,
      description: GATEWAY_DEFECTS[name],
      ...(MODULE_DEFECTS[name] !== undefined && { provider: MODULE_DEFECTS[name] }),
      options: { defects: { [name]: true } },
    }));
  const own = providers.flatMap((provider) =>
    Object.entries(PROVIDER_DEFECT_TABLES[provider] ?? {}).map(([name, description]) => ({
      name: `${provider}.${name}`,
      description,
      provider,
      options: { providers: { [provider]: { defects: { [name]: true } } } },
    })),
  );
  return [...core, ...own];
}
