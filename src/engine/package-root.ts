import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The provider-sim package folder (holding `schemas/`), whether running from sources or from `dist/`. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'provider-sim') return (cached = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('provider-sim: cannot find the package folder');
    dir = parent;
  }
}
