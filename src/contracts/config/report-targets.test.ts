import { describe, expect, it } from 'vitest';
import { resolveReportTargets } from './report-targets.js';

const FLAGS = { reporter: '--reporter', output: '--output' };

describe('resolveReportTargets', () => {
  it('reports to the console by default, and gives a single reporter a bare output', () => {
    expect(resolveReportTargets(undefined, undefined, FLAGS)).toEqual([{ reporter: 'console' }]);
    expect(resolveReportTargets(['html'], ['report.html'], FLAGS)).toEqual([
      { reporter: 'html', output: 'report.html' },
    ]);
  });

  it('runs several reporters, each with its own named output', () => {
    expect(
      resolveReportTargets(
        ['junit', 'html'],
        ['junit=reports/c.xml', 'html=reports/c.html'],
        FLAGS,
      ),
    ).toEqual([
      { reporter: 'junit', output: 'reports/c.xml' },
      { reporter: 'html', output: 'reports/c.html' },
    ]);
  });

  it('chooses the reporters named in the outputs when none is given, and lets one machine format have stdout', () => {
    expect(resolveReportTargets(undefined, ['html=r.html'], FLAGS)).toEqual([
      { reporter: 'html', output: 'r.html' },
    ]);
    expect(resolveReportTargets(['junit', 'html'], ['html=r.html'], FLAGS)).toEqual([
      { reporter: 'junit' },
      { reporter: 'html', output: 'r.html' },
    ]);
  });

  it('names the flag when an output is ambiguous, a format unknown or two reports want stdout', () => {
    expect(() => resolveReportTargets(['junit', 'html'], ['report.html'], FLAGS)).toThrow(
      '--output "report.html" does not say which report it is for',
    );
    expect(() => resolveReportTargets(['pdf'], undefined, FLAGS)).toThrow(
      '--reporter "pdf" is not a report format; choose from console, junit, json, html',
    );
    expect(() => resolveReportTargets(['junit', 'json'], undefined, FLAGS)).toThrow(
      '--reporter junit and json cannot all write to stdout',
    );
    expect(() => resolveReportTargets(['junit'], ['html=r.html'], FLAGS)).toThrow(
      '--output "html=r.html" is for html, which --reporter does not choose (junit)',
    );
  });
});
