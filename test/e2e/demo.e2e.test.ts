import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const demo = join(root, 'dist', 'examples', 'reference-gateway', 'demo.js');

/** Runs the built demo as `npm run demo` does; resolves with its exit code and output. */
function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [demo], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run demo', () => {
  it('sends through the simulator, prints delivered and failed statuses as DLRs arrive, and exits 0 by itself', async () => {
    expect(existsSync(demo), `${demo} is missing; run npm run build first`).toBe(true);
    const { code, stdout, stderr } = await runDemo();
    expect(code, `stdout:\n${stdout}\nstderr:\n${stderr}`).toBe(0);
    expect(stdout).toMatch(/^simulator: http:\/\/127\.0\.0\.1:\d+$/m);
    expect(stdout).toMatch(
      /^\s+\+\d+\.\d{3}s\s+msg_1\s+919800000001\s+delivered\s+Delivered to handset$/m,
    );
    expect(stdout).toMatch(/^\s+\+\d+\.\d{3}s\s+msg_2\s+919800000901\s+failed\s+901 DND failure$/m);
    expect(stdout).toMatch(/^msg_3\s+.*919800000908\s+failed\s+908 Template blocked by DLT\s/m);
    expect(stdout).toMatch(/^msg_6\s+.*15551234567\s+rejected\s+103 /m);
    expect(stdout).toContain('all 6 messages reached a final status');
    expect(stderr).toBe('');
  }, 30_000);
});
