import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

  it('layers import one way: the engine imports nothing above it', () => {
    const above = [
      'src/admin/',
      'src/cli/',
      'src/contracts/',
      'src/app/',
      'src/config/',
      'src/index',
    ];
    for (const file of sourceFiles(join(root, 'src', 'engine'))) {
      for (const target of importsOf(file)) {
        const upward = above.find((layer) => target.startsWith(layer));
        expect(upward, `${relative(root, file)} imports ${target}`).toBeUndefined();
      }
    }
  });

  it('admin, cli and contracts build on the engine; admin never imports the cli or the contract runner, and none imports the library entry point', () => {
    for (const layer of ['admin', 'cli', 'contracts']) {
      for (const file of sourceFiles(join(root, 'src', layer))) {
        for (const target of importsOf(file)) {
          expect(target, `${relative(root, file)} imports ${target}`).not.toBe('src/index.js');
          if (layer === 'admin') {
            expect(
              target.startsWith('src/cli/') || target.startsWith('src/contracts/'),
              `${relative(root, file)} imports ${target}`,
            ).toBe(false);
          }
        }
      }
    }
  });

  it('every provider in the registry has its simulator, schemas, contract suite and reference-gateway module', async () => {
    const { PROVIDER_REGISTRY } = await import('../simulators/registry.js');
    const { CONTRACT_REGISTRY } = await import('../contracts/registry.js');
    const { GATEWAY_PROVIDERS } = await import('../examples/reference-gateway/providers/index.js');
    const ids = Object.keys(PROVIDER_REGISTRY);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      expect(
        existsSync(join(root, 'simulators', id, 'index.ts')),
        `simulators/${id}/index.ts`,
      ).toBe(true);
      const schemas = join(root, 'schemas', id);
      expect(existsSync(schemas) && statSync(schemas).isDirectory(), `schemas/${id}/`).toBe(true);
      expect(existsSync(join(root, 'contracts', `${id}.ts`)), `contracts/${id}.ts`).toBe(true);
      expect(Object.keys(CONTRACT_REGISTRY), `contracts/registry.ts lists ${id}`).toContain(id);
      expect(
        existsSync(join(root, 'examples', 'reference-gateway', 'providers', `${id}.ts`)),
        `examples/reference-gateway/providers/${id}.ts`,
      ).toBe(true);
      expect(Object.keys(GATEWAY_PROVIDERS), `the reference gateway registers ${id}`).toContain(id);
    }
  });
});
