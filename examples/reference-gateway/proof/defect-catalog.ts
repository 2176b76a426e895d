import { GATEWAY_DEFECTS, type GatewayDefectName } from '../defects.js';
import type { ReferenceGatewayOptions } from '../gateway.js';
import { CONTRACT_REGISTRY } from '../../../contracts/registry.js';
import { CLEVERTAP_WHATSAPP_DEFECTS } from '../providers/clevertap-whatsapp-defects.js';
import { GATEWAY_PROVIDERS } from '../providers/index.js';
import { SINCH_CONVERSATION_DEFECTS } from '../providers/sinch-conversation-defects.js';
import { SINCH_SMS_REST_DEFECTS } from '../providers/sinch-sms-rest-defects.js';

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
 * Providers the in-suite proof (`test/integration/contracts-proof.int.test.ts`) proves, one kill
 * matrix each; the others have contract test files of their own. `npm run contracts:proof` proves
 * every provider (`runProviderProofs`).
 */
export const PROOF_PROVIDERS: readonly string[] = ['sinch-sms'];

/** The WhatsApp module's switches without the one only Kaleyra's callback URL headers can show. */
const { swapCallbackHeaders: _kaleyraOnly, ...WHATSAPP_DEFECTS } = CLEVERTAP_WHATSAPP_DEFECTS;

/**
 * Provider modules' own defect tables (set as `providers.<id>.defects` in the gateway options),
 * one row per provider that has one; a provider without a row is proved against the core switches.
 */
export const PROVIDER_DEFECT_TABLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'sinch-conversation': SINCH_CONVERSATION_DEFECTS,
  'sinch-whatsapp': WHATSAPP_DEFECTS,
  kaleyra: CLEVERTAP_WHATSAPP_DEFECTS,
  msg91: WHATSAPP_DEFECTS,
  'sinch-sms-rest': SINCH_SMS_REST_DEFECTS,
};

/**
 * Every provider `npm run contracts:proof` proves: those with contract cases
 * (contracts/registry.ts) and a reference-gateway module (providers/index.ts), in registry order.
 * A provider added to both joins the proof by itself.
 */
export function proofProviders(): string[] {
  return Object.keys(CONTRACT_REGISTRY).filter((id) => id in GATEWAY_PROVIDERS);
}

/**
 * The switches one provider's kill matrix runs: the core switches that can change its traffic
 * (not those living in another provider's module), then its module's own.
 */
export function providerDefectSwitches(provider: string): DefectSwitch[] {
  return defectSwitches([provider]).filter(
    (d) => d.provider === undefined || d.provider === provider,
  );
}

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
