import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchReport } from './bench-result.js';

/** `bench/results/` of the project (this file runs from `dist/bench/`). */
export const RESULTS_DIR = new URL('../../bench/results/', import.meta.url);

/** Writes `report` to `bench/results/latest.json`; resolves to the file's path. */
export async function saveResults(report: BenchReport): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = new URL('latest.json', RESULTS_DIR);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return fileURLToPath(file);
}
