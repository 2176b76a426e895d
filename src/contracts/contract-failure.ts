import type { Diagnostic } from '../engine/types.js';
import { valueAtPointer } from './json-pointer.js';
import type { FailureRecord } from './types.js';

/** Thrown by a case to stop at a finding; the runner records it as the case's failure. */
export class ContractFailure extends Error {
  readonly pointer: string;
  readonly value: unknown;
  readonly subject: string | undefined;
  readonly rule: string | undefined;

  constructor(record: FailureRecord) {
    super(record.message);
    this.name = 'ContractFailure';
    this.pointer = record.pointer;
    this.value = record.value;
    this.subject = record.subject;
    this.rule = record.rule;
  }

  /** The finding as report data. */
  toRecord(): FailureRecord {
    return {
      message: this.message,
      pointer: this.pointer,
      ...(this.value !== undefined && { value: this.value }),
      ...(this.subject !== undefined && { subject: this.subject }),
      ...(this.rule !== undefined && { rule: this.rule }),
    };
  }
}

/**
 * One failure per error diagnostic of `document` (warnings too with `includeWarnings`), with the
 * value found at each pointer and the rule as `<schemaId>: <keyword>`.
 */
export function failuresFromDiagnostics(
  diagnostics: readonly Diagnostic[],
  document: unknown,
  subject: string,
  schemaId: string,
  includeWarnings = false,
): FailureRecord[] {
  return diagnostics
    .filter((d) => d.severity === 'error' || (includeWarnings && d.severity === 'warning'))
    .map((d) => {
      const value = valueAtPointer(document, d.pointer);
      return {
        message: `${schemaId}: ${d.message}${d.severity === 'warning' ? ' (warning)' : ''}`,
        pointer: d.pointer,
        ...(value !== undefined && { value }),
        subject,
        rule: `${schemaId}: ${d.keyword}`,
      };
    });
}
