#!/usr/bin/env node
// Runs the static checks and the build side by side: each is one process that keeps one core busy,
// so on a machine with two or more cores they end sooner together than one after another. Each
// check's output is printed whole once it ends (no interleaved lines); the exit code is non-zero
// when any of them failed.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import process from 'node:process';

/** [name, command, arguments]; commands come from node_modules/.bin, which npm puts on PATH. */
const CHECKS = [
  ['typecheck', 'tsc', ['--noEmit']],
  ['eslint', 'eslint', ['.']],
  ['prettier', 'prettier', ['--check', '.']],
  ['build', 'tsc', ['-p', 'tsconfig.build.json', '--noCheck']],
];

function run([name, command, args]) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { shell: process.platform === 'win32' });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(output).toString();
      process.stdout.write(
        `> ${name} (${[command, ...args].join(' ')}): ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${seconds} s\n`,
      );
      if (text.trim() !== '') process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(CHECKS.map(run));
process.exitCode = results.every(Boolean) ? 0 : 1;
