import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { SimError } from '../engine/errors.js';

/** A scenario file read from disk, able to say on which line a JSON pointer's value stands. */
export interface ScenarioFile {
  path: string;
  document: unknown;
  /** 1-based line of the value at `pointer` (or of its nearest ancestor present). */
  lineOf(pointer: string): number | undefined;
}

/** Reads a YAML or JSON scenario file (JSON is read as YAML, which keeps line numbers for both). */
export function readScenarioFile(path: string): ScenarioFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SimError(
      'scenario-file-unreadable',
      '--scenario',
      `cannot read scenario file ${path}: ${(error as Error).message}`,
    );
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    // Without pretty errors the parser leaves `linePos` unset; the line counter finds it from the offset.
    const at = problem.linePos?.[0] ?? lines.linePos(problem.pos[0]);
    throw new SimError(
      'scenario-file-invalid',
      '--scenario',
      `${path}${at ? `:${at.line}:${at.col}` : ''}: not valid YAML/JSON${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${problem.message}`,
    );
  }
  return {
    path,
    document: doc.toJS() as unknown,
    lineOf(pointer) {
      const parts = pointer
        .split('/')
        .slice(1)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
      for (let n = parts.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(parts.slice(0, n), true);
        const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
        if (range) return lines.linePos(range[0]).line;
      }
      return undefined;
    },
  };
}

/** Re-throws a rule error from loading `file` with the file name and line in front. */
export function locateScenarioError(file: ScenarioFile, error: unknown): never {
  if (error instanceof SimError) {
    const line = file.lineOf(error.pointer);
    throw new SimError(
      error.code,
      error.pointer,
      `${file.path}${line ? `:${line}` : ''}: ${error.message}`,
      {
        expected: error.expected,
        actual: error.actual,
      },
    );
  }
  throw error;
}
