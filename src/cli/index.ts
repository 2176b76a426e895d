#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { inboundCommand } from './inbound.js';
import { sampleCommand } from './sample.js';
import { startCommand } from './start.js';

await yargs(hideBin(process.argv))
  .scriptName('provider-sim')
  .command(startCommand)
  .command(sampleCommand)
  .command(inboundCommand)
  .demandCommand(1, 'Name a command: start, sample or inbound (see --help).')
  .strict()
  .recommendCommands()
  .fail((message, error) => {
    if (error) throw error;
    process.stderr.write(`provider-sim: ${message}\nRun provider-sim --help for usage.\n`);
    process.exit(2);
  })
  .help()
  .parseAsync();
