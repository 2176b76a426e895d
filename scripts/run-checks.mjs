#!/usr/bin/env node
// Runs the npm scripts named as arguments side by side: each static check (and the build) is one
// process that keeps one core busy, so on a machine with two or more cores they end sooner together
// than one after another. Each script's output is printed whole once it ends (no interleaved
// lines); the exit code is non-zero when any of them failed.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import process from 'node:process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  process.stderr.write('usage: node scripts/run-checks.mjs <npm script> [<npm script> ...]\n');
  process.exit(2);
}

function run(script) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], {
      shell: process.platform === 'win32',
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(output).toString();
      process.stdout.write(
        `> ${script}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${seconds} s\n`,
      );
      if (text.trim() !== '') process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(scripts.map(run));
process.exitCode = results.every(Boolean) ? 0 : 1;
