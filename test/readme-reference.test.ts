import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_ROUTES } from '../src/admin/routes.js';
import { contractCommand } from '../src/cli/contract.js';
import { faultCommand } from '../src/cli/fault.js';
import { inboundCommand } from '../src/cli/inbound.js';
import { magicNumbersCommand } from '../src/cli/magic-numbers.js';
import { providersCommand } from '../src/cli/providers.js';
import { sampleCommand } from '../src/cli/sample.js';
import { startCommand } from '../src/cli/start.js';
import { verifyCommand } from '../src/cli/verify.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const section = (title: string): string => {
  const at = readme.indexOf(`## ${title}`);
  expect(at, `README has a "${title}" section`).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', at + 3);
  return readme.slice(at, end < 0 ? undefined : end);
};

const COMMANDS = [
  startCommand,
  sampleCommand,
  inboundCommand,
  faultCommand,
  magicNumbersCommand,
  providersCommand,
  contractCommand,
  verifyCommand,
];

describe('README reference sections', () => {
  it('lists every command of the CLI under "Command line"', () => {
    const text = section('Command line');
    for (const command of COMMANDS) {
      const name = String(command.command).split(' ')[0]!;
      expect(text, `README lists provider-sim ${name}`).toContain(`provider-sim ${name}`);
    }
  });

  it('lists every admin route under "Admin API"', () => {
    const text = section('Admin API');
    for (const route of ADMIN_ROUTES) {
      const shown = route.path.replace('{/*path}', '/...');
      expect(text, `README lists ${route.method} ${route.path}`).toContain(
        `\`${route.method.toUpperCase()} /__admin${shown}\``,
      );
    }
  });
});
