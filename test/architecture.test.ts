import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative import targets of a file, resolved to repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(
      /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2]!);
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(root, resolve(dirname(file), s)));
}

describe('architecture', () => {
  it('the engine never imports a provider', () => {
    for (const file of sourceFiles(join(root, 'src', 'engine'))) {
      for (const target of importsOf(file)) {
        expect(target.startsWith('simulators'), `${relative(root, file)} imports ${target}`).toBe(
          false,
        );
      }
    }
  });

  it('providers use only the engine provider API, and no other provider', () => {
    const providerRoot = join(root, 'simulators');
    for (const file of sourceFiles(providerRoot).filter((f) => !f.endsWith('.test.ts'))) {
      const own = relative(providerRoot, file).split('/')[0]!;
      for (const target of importsOf(file)) {
        if (target.startsWith('src/')) {
          expect(target, `${relative(root, file)} imports ${target}`).toBe(
            'src/engine/provider-api.js',
          );
        }
        if (target.startsWith('simulators/') && own !== 'registry.ts' && own !== 'families') {
          const other = target.split('/')[1];
          expect([own, 'families'], `${relative(root, file)} imports ${target}`).toContain(other);
        }
      }
    }
  });

  it('every provider folder exports exactly one definition from index.ts', async () => {
    const { PROVIDER_REGISTRY } = await import('../simulators/registry.js');
    for (const [id, load] of Object.entries(PROVIDER_REGISTRY)) {
      const definition = await load();
      expect(definition.id).toBe(id);
      const exported = Object.keys(
        (await import(pathToFileURL(join(root, 'simulators', id, 'index.ts')).href)) as object,
      );
      expect(exported).toHaveLength(1);
    }
  });
});
