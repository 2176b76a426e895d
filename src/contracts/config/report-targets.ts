/** Report formats. */
export const REPORTER_NAMES = ['console', 'junit', 'json', 'html'] as const;

/** One report format. */
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** One report a run writes: its format and file (stdout without one). */
export interface ReportTarget {
  reporter: ReporterName;
  /** File the report goes to; without it a machine format goes to stdout. */
  output?: string;
}

/** How the reporter and output settings are named where they came from, for error messages. */
export interface ReportSettingNames {
  reporter: string;
  output: string;
}

const isReporter = (name: string): name is ReporterName =>
  (REPORTER_NAMES as readonly string[]).includes(name);

/** Splits `html=report.html` into its reporter and path; a bare path has no reporter. */
function splitOutput(output: string): { reporter?: ReporterName; path: string } {
  const at = output.indexOf('=');
  const name = at > 0 ? output.slice(0, at) : '';
  return isReporter(name) ? { reporter: name, path: output.slice(at + 1) } : { path: output };
}

/** The reporters chosen: as given (checked), else those the outputs name, else the console. */
function chosenReporters(
  reporters: readonly string[] | undefined,
  named: readonly { reporter?: ReporterName }[],
  names: ReportSettingNames,
): ReporterName[] {
  if (reporters === undefined || reporters.length === 0) {
    const fromOutputs = [...new Set(named.flatMap((o) => (o.reporter ? [o.reporter] : [])))];
    return fromOutputs.length > 0 ? fromOutputs : ['console'];
  }
  const chosen: ReporterName[] = [];
  for (const name of reporters) {
    if (!isReporter(name)) {
      throw new Error(
        `${names.reporter} "${name}" is not a report format; choose from ${REPORTER_NAMES.join(', ')}`,
      );
    }
    if (chosen.includes(name)) throw new Error(`${names.reporter} "${name}" is given twice`);
    chosen.push(name);
  }
  return chosen;
}

/**
 * The reports a run writes, from the chosen reporters and outputs. An output is a path, or
 * `<reporter>=<path>` to say whose it is (`--output junit=reports/contract.xml --output
 * html=reports/contract.html`); a bare path belongs to the one reporter without a named output.
 * At most one machine format may go to stdout. Throws a message naming the setting.
 */
export function resolveReportTargets(
  reporters: readonly string[] | undefined,
  outputs: readonly string[] | undefined,
  names: ReportSettingNames,
): ReportTarget[] {
  const split = (outputs ?? []).map((output) => ({ given: output, ...splitOutput(output) }));
  const chosen = chosenReporters(reporters, split, names);
  const files = new Map<ReporterName, string>();
  for (const output of split.filter((o) => o.reporter !== undefined)) {
    if (!chosen.includes(output.reporter!)) {
      throw new Error(
        `${names.output} "${output.given}" is for ${output.reporter}, which ${names.reporter} does not choose (${chosen.join(', ')})`,
      );
    }
    if (output.path === '') throw new Error(`${names.output} "${output.given}" names no file`);
    if (files.has(output.reporter!))
      throw new Error(`${names.output} gives ${output.reporter} two files`);
    files.set(output.reporter!, output.path);
  }
  const bare = split.filter((o) => o.reporter === undefined);
  const unassigned = chosen.filter((r) => !files.has(r));
  if (bare.length > 1 || (bare.length === 1 && unassigned.length !== 1)) {
    throw new Error(
      `${names.output} "${bare[0]!.given}" does not say which report it is for; with several reporters write ${names.output} <reporter>=<file> (e.g. html=report.html)`,
    );
  }
  if (bare.length === 1) files.set(unassigned[0]!, bare[0]!.path);
  const onStdout = chosen.filter((r) => r !== 'console' && !files.has(r));
  if (onStdout.length > 1) {
    throw new Error(
      `${names.reporter} ${onStdout.join(' and ')} cannot all write to stdout; give each a file with ${names.output} <reporter>=<file>`,
    );
  }
  return chosen.map((reporter) => ({
    reporter,
    ...(files.has(reporter) && { output: files.get(reporter)! }),
  }));
}
