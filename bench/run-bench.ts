import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchReport, RecipientsMemory, ServerResult } from './bench-result.js';
import { measureRecipientsMemory } from './recipients-memory.js';
import { runBenchMain, startServer, type ServerProcess } from './server-process.js';
import { describePinning, setUpPinning, type Pinning } from './cpu-pinning.js';
import { formatProfileSummary, summarizeCpuProfile } from './cpu-profile-summary.js';
import {
  finishMeasured,
  measureRound,
  startMeasured,
  warmUp,
  type MeasuredServer,
  type ServerSpec,
} from './measure-server.js';
import { formatFaultAccuracy, measureFaultAccuracy } from './fault-accuracy.js';
import { formatReport } from './report.js';
import { RESULTS_DIR, saveResults } from './save-results.js';
import { measuredSeconds, readSettings, type BenchSettings } from './settings.js';
import { checkTargets, computeRatios } from './targets.js';

const PROFILE_DIR = new URL('profiles/', RESULTS_DIR);

const log = (line: string): void => console.log(`[bench] ${line}`);

const script = (file: string): URL => new URL(`./servers/${file}`, import.meta.url);

function serverSpecs(cpuProfile: boolean, sink: ServerProcess): ServerSpec[] {
  return [
    { name: 'bare', script: script('bare-server.js'), watchRss: false },
    { name: 'bare-dlr', script: script('bare-dlr-server.js'), watchRss: false, sink },
    { name: 'lean-dlr', script: script('lean-dlr-server.js'), watchRss: false, sink },
    { name: 'express', script: script('express-server.js'), watchRss: false },
    // The same server with no callback target: the send path without the DLR posts.
    { name: 'provider-sim-no-dlr', script: script('provider-sim-server.js'), watchRss: false },
    {
      name: 'provider-sim',
      script: script('provider-sim-server.js'),
      watchRss: true,
      sink,
      ...(cpuProfile && {
        nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${fileURLToPath(PROFILE_DIR)}`],
      }),
    },
  ];
}

async function newestProfile(): Promise<string | undefined> {
  const dir = fileURLToPath(PROFILE_DIR);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  const dated = await Promise.all(
    files.map(async (f) => ({ path: `${dir}${f}`, mtime: (await stat(`${dir}${f}`)).mtimeMs })),
  );
  return dated.sort((a, b) => b.mtime - a.mtime)[0]?.path;
}

/**
 * Starts every server, warms each up, then measures them in rounds, taking turns (the order
 * rotating each round), so a change in the machine's load falls on all of them alike.
 */
async function measureInRounds(
  specs: ServerSpec[],
  settings: BenchSettings,
  pinning: Pinning,
): Promise<ServerResult[]> {
  const measured: MeasuredServer[] = [];
  try {
    for (const spec of specs) measured.push(await startMeasured(spec, pinning, log));
    for (const server of measured) await warmUp(server, settings, log);
    for (let round = 0; round < settings.rounds; round++) {
      for (let i = 0; i < measured.length; i++) {
        await measureRound(measured[(i + round) % measured.length]!, settings, log);
      }
    }
  } catch (error) {
    await Promise.all(measured.map((m) => m.server.stop()));
    throw error;
  }
  const results: ServerResult[] = [];
  for (const server of measured) results.push(await finishMeasured(server, settings, log));
  return results;
}

async function main(): Promise<void> {
  const settings = readSettings();
  const pinning = setUpPinning();
  log(`pinning: ${describePinning(pinning)}`);

  // One loopback sink takes the DLRs of both servers that send them, counting what arrives. It is
  // the gateway, not the simulator: it runs beside the load generator, off the measured core.
  const sink = await startServer({
    name: 'callback-sink',
    script: script('callback-sink-server.js'),
    launcher: pinning.helperLauncher,
  });
  let servers: ServerResult[];
  try {
    servers = await measureInRounds(serverSpecs(settings.cpuProfile, sink), settings, pinning);
  } finally {
    await sink.stop();
  }
  let recipients: RecipientsMemory | undefined;
  if (settings.recipients > 0) {
    const first = Math.floor(settings.recipients / 10);
    log(`distinct recipients: RSS at ${first} and ${settings.recipients}`);
    recipients = await measureRecipientsMemory(pinning, first, settings.recipients);
  }

  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    // os.cpus(), not availableParallelism(): this process is pinned to one core by now.
    cpu: `${os.cpus()[0]?.model ?? 'unknown CPU'} x ${os.cpus().length}`,
    pinning: describePinning(pinning),
    settings,
    servers,
    ratios: computeRatios(servers),
    targets: checkTargets(servers, settings),
    ...(recipients && { recipients }),
  };
  console.log(`\n${formatReport(report)}\n`);
  if (!settings.quick) {
    log('fault accuracy: fixed latency at a fixed rate, then an error rate over a fixed count');
    console.log(
      `${formatFaultAccuracy(await measureFaultAccuracy(pinning, measuredSeconds(settings)))}\n`,
    );
  }
  log(`results written to ${await saveResults(report)}`);

  if (settings.cpuProfile) {
    const profile = await newestProfile();
    if (profile) {
      log(`provider-sim CPU profile: ${profile}`);
      console.log(formatProfileSummary(await summarizeCpuProfile(profile)));
    }
  }
}

await runBenchMain('bench', main);
