import { formatProfileSummary, summarizeCpuProfile } from './cpu-profile-summary.js';

// Usage: node dist/bench/summarize-cpu-profile.js <file.cpuprofile> [top]
const [file, top] = process.argv.slice(2);
if (!file) {
  console.error('usage: node dist/bench/summarize-cpu-profile.js <file.cpuprofile> [top]');
  process.exitCode = 2;
} else {
  console.log(formatProfileSummary(await summarizeCpuProfile(file, top ? Number(top) : 25)));
}
