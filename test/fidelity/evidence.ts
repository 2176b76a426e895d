import { it } from 'vitest';

/**
 * Why a fidelity case holds: `documented` (the provider's own page says so, `source` is its URL),
 * `sdk` (the official SDK sends or reads it, `source` names the package and path), or `sim-only`
 * (the provider publishes nothing; `reason` says what the simulator chose and why).
 */
export type Evidence =
  | { tag: 'documented'; source: string }
  | { tag: 'sdk'; source: string }
  | { tag: 'sim-only'; reason: string };

/** One registered fidelity case: its name and its single evidence tag. */
export interface FidelityCase {
  name: string;
  evidence: Evidence;
}

const registered: FidelityCase[] = [];

/** The cases registered so far in this test file (for the setup check). */
export const registeredCases = (): readonly FidelityCase[] => registered;

/** Throws unless `evidence` is exactly one well-formed tag (a URL for `documented`, text otherwise). */
export function checkEvidence(evidence: Evidence): void {
  const keys = Object.keys(evidence).sort().join(',');
  switch (evidence.tag) {
    case 'documented':
      if (keys !== 'source,tag' || !/^https:\/\/\S+$/.test(evidence.source)) {
        throw new Error(`a documented case needs exactly one https source URL; got ${keys}`);
      }
      return;
    case 'sdk':
      if (keys !== 'source,tag' || evidence.source.trim() === '') {
        throw new Error(`an sdk case needs the SDK package and path it follows; got ${keys}`);
      }
      return;
    case 'sim-only':
      if (keys !== 'reason,tag' || evidence.reason.trim() === '') {
        throw new Error(`a sim-only case needs the reason for the simulator's choice; got ${keys}`);
      }
      return;
    default:
      throw new Error(`unknown evidence tag ${JSON.stringify((evidence as { tag: unknown }).tag)}`);
  }
}

/**
 * Declares a fidelity case: a vitest case whose name carries its evidence tag, e.g.
 * `answers ... [documented]`. The tag is checked when the case is declared.
 */
export function fidelity(
  evidence: Evidence,
  name: string,
  run: () => Promise<void> | void,
  timeoutMs?: number,
): void {
  checkEvidence(evidence);
  registered.push({ name, evidence });
  it(`${name} [${evidence.tag}]`, run, timeoutMs);
}
