import type { ServerProcess } from './server-process.js';

/** Samples a server child's RSS (bytes) every `intervalMs`; `stop()` resolves to all samples. */
export function sampleRss(server: ServerProcess, intervalMs = 1000): { stop(): Promise<number[]> } {
  const samples: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const sample = server
      .stats()
      .then((stats) => {
        samples.push(stats.rss);
      })
      // A missed sample only thins the series; the run itself decides success.
      .catch(() => undefined)
      .finally(() => inFlight.delete(sample));
    inFlight.add(sample);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return samples;
    },
  };
}
