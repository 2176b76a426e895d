#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { contractCommand } from './contract.js';
import { faultCommand } from './fault.js';
import { inboundCommand } from './inbound.js';
import { magicNumbersCommand } from './magic-numbers.js';
import { providersCommand } from './providers.js';
import { sampleCommand } from './sample.js';
import { startCommand } from './start.js';
import { withoutCamelCaseTwins } from './unknown-flags.js';
import { verifyCommand } from './verify.js';

// Output piped into `head` and the like may close early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

await yargs(hideBin(process.argv))
  .scriptName('provider-sim')
  .command(startCommand)
  .command(sampleCommand)
  .command(inboundCommand)
  .command(faultCommand)
  .command(magicNumbersCommand)
  .command(providersCommand)
  .command(contractCommand)
  .command(verifyCommand)
  .demandCommand(
    1,
    'Name a command: start, sample, inbound, fault, magic-numbers, providers, contract or verify (see --help).',
  )
  .strict()
  .recommendCommands()
  .fail((message, error) => {
    if (error) throw error;
    process.stderr.write(
      `provider-sim: ${withoutCamelCaseTwins(message)}\nRun provider-sim --help for usage.\n`,
    );
    process.exit(2);
  })
  .help()
  .parseAsync();
