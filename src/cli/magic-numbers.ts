import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { SimError } from '../engine/errors.js';
import { reportError } from './shared-options.js';

interface MagicArgs {
  provider?: string;
  config?: string;
}

/** `provider-sim magic-numbers`: recipient numbers with a fixed outcome, per provider. */
export const magicNumbersCommand: CommandModule<object, MagicArgs> = {
  command: 'magic-numbers',
  describe: 'List the recipient numbers that always produce a given outcome, per provider',
  builder: (yargs: Argv) =>
    yargs.options({
      provider: { type: 'string', description: 'Only this provider' },
      config: { type: 'string', description: 'Config file whose outcome rules to use' },
    }),
  handler: async (args: ArgumentsCamelCase<MagicArgs>) => {
    try {
      const [{ loadConfig }, { createSimulator }, { loadProviders }] = await Promise.all([
        import('../config/load-config.js'),
        import('../app/create-simulator.js'),
        import('../../simulators/registry.js'),
      ]);
      const config = loadConfig({
        file: args.config,
        env: {},
        flags: { log: { level: 'silent' } },
      });
      const simulator = createSimulator(config, await loadProviders());
      const providers = simulator.providers.filter(
        (p) => args.provider === undefined || p.definition.id === args.provider,
      );
      if (providers.length === 0) {
        await simulator.close({ drain: false });
        throw new SimError(
          'invalid-flag',
          '--provider',
          `--provider "${args.provider}" is not served; served: ${simulator.providers.map((p) => p.definition.id).join(', ')}`,
          { actual: args.provider },
        );
      }
      for (const p of providers) {
        const numbers = p.definition.magicNumbers?.(p.settings) ?? [];
        process.stdout.write(`${p.definition.id}\n`);
        if (numbers.length === 0) process.stdout.write('  (no fixed outcomes)\n');
        const width = Math.max(0, ...numbers.map((n) => n.number.length));
        for (const n of numbers)
          process.stdout.write(`  ${n.number.padEnd(width)}  ${n.outcome}\n`);
      }
      await simulator.close({ drain: false });
    } catch (error) {
      reportError(error);
    }
  },
};
