import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEvidence, type Evidence } from './evidence.js';

const here = import.meta.dirname;
const caseFiles = readdirSync(here).filter(
  (f) => f.endsWith('.test.ts') && f !== 'evidence.test.ts',
);

describe('fidelity setup', () => {
  it('declares every case of test/fidelity through fidelity(), so each carries one evidence tag', () => {
    expect(caseFiles.length).toBeGreaterThan(0);
    for (const file of caseFiles) {
      const source = readFileSync(join(here, file), 'utf8');
      const bare = source.split('\n').filter((line) => /^\s*(it|test)(\.\w+)*\(/.test(line));
      expect(bare, `${file} declares cases without an evidence tag`).toEqual([]);
      expect(source, `${file} declares no fidelity case`).toMatch(/\bfidelity\(/);
    }
  });

  it.each([
    [{ tag: 'documented', source: 'https://docs.clevertap.com/docs/generic-sms' }],
    [{ tag: 'sdk', source: '@sinch/sms packages/sms/src/models/v1' }],
    [{ tag: 'sim-only', reason: 'the provider publishes no error body' }],
  ] as [Evidence][])('accepts the well-formed tag %j', (evidence) => {
    expect(() => checkEvidence(evidence)).not.toThrow();
  });

  it.each([
    [{ tag: 'documented', source: 'the CleverTap page' }],
    [{ tag: 'documented', source: 'https://a.example', reason: 'two tags' }],
    [{ tag: 'sdk', source: ' ' }],
    [{ tag: 'sim-only', reason: '' }],
    [{ tag: 'guess', reason: 'x' }],
  ])('refuses the malformed tag %j', (evidence) => {
    expect(() => checkEvidence(evidence as Evidence)).toThrow();
  });
});
