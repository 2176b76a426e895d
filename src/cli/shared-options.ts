/** Options every command that starts or reaches a simulator shares. */
export const seedOption = {
  seed: {
    type: 'string',
    description: 'Seed of every random choice (same seed + same requests = same run)',
  },
} as const;

/** Writes a user-facing error and sets a failing exit code. */
export function reportError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`provider-sim: ${message}\n`);
  process.exitCode = 1;
}
