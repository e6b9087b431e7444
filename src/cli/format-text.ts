// The text format: one line per finding, like a compiler's output, then a summary line. It is
// meant for a terminal, and paths, rule names and log values are third-party text: each line
// goes through visibleText, so an ESC or CSI in a user agent cannot drive the terminal, a
// newline in a file name cannot forge a line, and bidi or zero-width characters cannot
// reorder or hide what the line says.
import { visibleText } from '../core/display-text';
import type { ScanReport } from '../core/report';

/**
 * Renders file problems as `path:line:col: severity: message` lines and findings as
 * `path:line:col: severity rule: message` lines, then a summary line.
 */
export function formatText(report: ScanReport): string {
  const lines: string[] = [];

  for (const file of report.files) {
    for (const error of file.errors) {
      lines.push(`${file.path}:${error.line + 1}:${error.character + 1}: ${error.severity}: `
        + error.message);
    }
    // valid JSON that is not CloudTrail would otherwise pass without a word; a file that is
    // not JSON already has its error line
    if (file.layout === 'unknown' && file.errors.length === 0) {
      lines.push(`${file.path}: note: no CloudTrail events recognised in this JSON `
        + '(layout unknown)');
    }
  }

  for (const f of report.findings) {
    const where = `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    lines.push(`${where}: ${f.severity} ${f.ruleName}: ${describeFinding(f.fields)}`);
  }

  const unsupported = report.rules.filter((r) => !r.support.supported);
  for (const rule of unsupported) {
    const reason = rule.support.reason ?? 'not supported';
    lines.push(`${rule.source}: note rule "${rule.name}" not evaluated: ${reason}`);
  }

  const events = report.files.reduce((n, f) => n + f.events, 0);
  const suppressed = report.suppressed.length > 0
    ? `, ${report.suppressed.length} suppressed by exceptions` : '';
  lines.push(`${report.findings.length} finding(s) in ${events} event(s) of `
    + `${report.files.length} file(s)${suppressed}`);

  return lines.map((line) => visibleText(line)).join('\n') + '\n';
}

/** Who did what from where, in one clause, from the finding's investigation fields (visible). */
export function describeFinding(fields: Record<string, unknown>): string {
  const text = (name: string): string | undefined => {
    const value = fields[name];
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
    return undefined;
  };

  const who = text('aws.cloudtrail.user_identity.arn') ?? text('user.name')
    ?? 'an unknown principal';
  const action = text('event.action') ?? 'an API';
  const from = text('source.ip') ?? text('source.address');
  const when = text('@timestamp');

  return visibleText(`${who} called ${action}${from ? ` from ${from}` : ''}`
    + `${when ? ` at ${when}` : ''}`);
}
