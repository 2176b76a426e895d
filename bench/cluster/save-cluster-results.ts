import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RESULTS_DIR } from '../save-results.js';
import type { ClusterReport } from './cluster-result.js';

/** Writes `report` to `bench/results/cluster-latest.json`; resolves to the file's path. */
export async function saveClusterResults(report: ClusterReport): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = new URL('cluster-latest.json', RESULTS_DIR);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return fileURLToPath(file);
}
