// Findings and problems -> diagnostic data. Pure (no vscode import): diagnostics-adapter.ts
// turns the data into vscode.Diagnostic objects. One diagnostic per flagged event, on its
// eventName value; when several rules flag one event, the most severe rule names the
// diagnostic and the others are listed in its message and related information. Every message
// goes through visibleText: rule names, log values, keys and problem texts are third-party
// text, and a bidi control or zero-width character in one could reorder or hide what the
// Problems panel shows.
import { visibleText } from '../core/display-text';
import type { Finding, Position, Range, RuleLoadProblem, Span, TextProblem } from '../core/types';
import { FOCUS_FINDINGS_COMMAND, commandUri, guideCommandUri } from './guide-target';
import {
  addressOf, clauseSatisfied, compareBySeverity, describeCall, principalOf, ruleHeadline,
} from './finding-text';
import type { DiagnosticLevel, DocumentSettings } from './settings';

export const DIAGNOSTIC_SOURCE = 'CloudTrail Lens';

/** A related location inside the same document. */
export interface RelatedData {
  range: Range;
  message: string;
}

/** Everything a vscode.Diagnostic needs, in plain data. */
export interface DiagnosticData {
  range: Range;
  message: string;
  severity: DiagnosticLevel;
  source: string;
  /** Rule id, with a command URI that opens the rule's investigation guide (when there is one). */
  code?: { value: string; target?: string };
  relatedInformation: RelatedData[];
  /** Indexes (into the findings given) of the findings this diagnostic stands for. */
  findingIndexes: number[];
}

/** What buildDiagnostics needs to know about one analysed text. */
export interface DiagnosticInput {
  documentUri: string;
  findings: readonly Finding[];
  problems: readonly TextProblem[];
  textLength: number;
  positionAt(offset: number): Position;
  settings: Pick<DocumentSettings, 'severityMapping' | 'maxDiagnosticsPerFile'>;
}

const LEVEL_RANK: Readonly<Record<DiagnosticLevel, number>> = {
  error: 0, warning: 1, information: 2, hint: 3,
};

const PROBLEM_LEVEL: Readonly<Record<TextProblem['severity'], DiagnosticLevel>> = {
  error: 'error', warning: 'warning', note: 'information',
};

/** Builds the diagnostics of one text: problems first, then one per flagged event, capped. */
export function buildDiagnostics(input: DiagnosticInput): DiagnosticData[] {
  const problems = [...input.problems]
    .sort((a, b) => a.offset - b.offset)
    .map((problem) => problemDiagnostic(problem, input));
  const events = groupByEvent(input.findings)
    .map((group) => eventDiagnostic(group, input));

  const all = [...problems, ...events];
  const cap = input.settings.maxDiagnosticsPerFile;
  if (all.length <= cap) return all;

  // keep one slot for the notice, so that VS Code's own 1,000 limit never hides it
  const kept = all.slice(0, cap - 1);
  const omitted = all.slice(cap - 1);
  return [...kept, capNotice(omitted, cap)];
}

/** The Information diagnostic that says how many diagnostics the cap left out. */
export function capNotice(omitted: readonly DiagnosticData[], cap: number): DiagnosticData {
  const events = omitted.filter((d) => d.findingIndexes.length > 0).length;
  const problems = omitted.length - events;
  const parts: string[] = [];
  if (events > 0) parts.push(`${events} more flagged ${events === 1 ? 'event' : 'events'}`);
  if (problems > 0) parts.push(`${problems} more ${problems === 1 ? 'problem' : 'problems'}`);

  const first = omitted[0];
  return {
    range: first === undefined ? zeroRange() : first.range,
    message: `${parts.join(' and ')} not shown: at most ${cap} diagnostics per file ` +
      '(setting cloudtrailLens.maxDiagnosticsPerFile). The CloudTrail Findings view lists ' +
      'every finding.',
    severity: 'information',
    source: DIAGNOSTIC_SOURCE,
    code: { value: 'more-findings', target: commandUri(FOCUS_FINDINGS_COMMAND) },
    relatedInformation: [],
    findingIndexes: [],
  };
}

/** An Error diagnostic for a rule file that failed to load, at the failing position. */
export function ruleProblemDiagnostic(problem: RuleLoadProblem): DiagnosticData {
  const start = { line: problem.line ?? 0, character: problem.character ?? 0 };
  return {
    range: { start, end: { line: start.line, character: start.character + 1 } },
    message: visibleText(problem.message),
    severity: problem.severity === 'warning' ? 'warning' : 'error',
    source: DIAGNOSTIC_SOURCE,
    relatedInformation: [],
    findingIndexes: [],
  };
}

/** The findings of one event, most severe first, with their indexes in the input. */
interface EventGroup {
  findings: Finding[];
  indexes: number[];
}

function groupByEvent(findings: readonly Finding[]): EventGroup[] {
  const byEvent = new Map<number, { finding: Finding; index: number }[]>();
  findings.forEach((finding, index) => {
    const items = byEvent.get(finding.eventIndex) ?? [];
    items.push({ finding, index });
    byEvent.set(finding.eventIndex, items);
  });

  const groups = [...byEvent.values()].map((items) => {
    items.sort((a, b) => compareBySeverity(a.finding, b.finding));
    return { findings: items.map((i) => i.finding), indexes: items.map((i) => i.index) };
  });
  return groups.sort((a, b) => a.findings[0].span.start - b.findings[0].span.start);
}

function eventDiagnostic(group: EventGroup, input: DiagnosticInput): DiagnosticData {
  const [primary, ...others] = group.findings;
  const mapping = input.settings.severityMapping;

  // the most severe level among the rules that flag the event
  const severity = group.findings
    .map((finding) => mapping[finding.severity])
    .reduce((a, b) => (LEVEL_RANK[b] < LEVEL_RANK[a] ? b : a));

  const alsoPart = others.length > 0 ? ` (also: ${others.map(ruleHeadline).join('; ')})` : '';
  return {
    range: spanRange(primary.span, input),
    message: visibleText(`${ruleHeadline(primary)}: ${describeCall(primary)}${alsoPart}`),
    severity,
    source: DIAGNOSTIC_SOURCE,
    code: {
      value: visibleText(primary.ruleId),
      target: guideCommandUri({
        ruleId: primary.ruleId,
        documentUri: input.documentUri,
        findingIndex: group.indexes[0],
      }),
    },
    relatedInformation: relatedOf(primary, others, input),
    findingIndexes: group.indexes,
  };
}

/** The fields that satisfied the query, who and where from, and the other rules. */
function relatedOf(primary: Finding, others: readonly Finding[],
  input: DiagnosticInput): RelatedData[] {
  const related: RelatedData[] = [];
  const seen = new Set<string>();
  const add = (span: Span | undefined, message: string): void => {
    if (span === undefined) return;
    const key = `${span.start}:${span.end}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    related.push({ range: spanRange(span, input), message: visibleText(message) });
  };

  for (const clause of primary.explanation) {
    if (!clauseSatisfied(clause)) continue;
    const where = clause.rawPath ?? clause.field ?? 'value';
    const shown = clause.value === undefined ? '' : ` = ${clause.value}`;
    add(clause.span, `${clause.negated ? 'not ' : ''}${clause.clause}: ${where}${shown}`);
  }

  const principal = principalOf(primary);
  const principalSource = primary.fieldSources['user.name'] ??
    primary.fieldSources['aws.cloudtrail.user_identity.arn'];
  if (principal !== undefined) add(principalSource?.span, `caller: ${principal}`);

  const address = addressOf(primary);
  const addressSource = primary.fieldSources['source.ip'] ?? primary.fieldSources['source.address'];
  if (address !== undefined) add(addressSource?.span, `source address: ${address}`);

  for (const other of others) {
    add(other.span, `also flagged by ${ruleHeadline(other)} (${other.ruleId})`);
  }
  return related;
}

function problemDiagnostic(problem: TextProblem, input: DiagnosticInput): DiagnosticData {
  const start = Math.min(Math.max(problem.offset, 0), input.textLength);
  const end = Math.min(start + 1, input.textLength);
  return {
    range: spanRange({ start, end }, input),
    message: visibleText(problem.message),
    severity: PROBLEM_LEVEL[problem.severity],
    source: DIAGNOSTIC_SOURCE,
    relatedInformation: [],
    findingIndexes: [],
  };
}

function spanRange(span: Span, input: DiagnosticInput): Range {
  return { start: input.positionAt(span.start), end: input.positionAt(span.end) };
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** The Error diagnostic shown when the engine itself failed on a text. */
export function failureDiagnostic(reason: string): DiagnosticData {
  return {
    range: zeroRange(),
    message: `CloudTrail Lens could not analyse this file: ${visibleText(reason)} (details in ` +
      'the log: CloudTrail Lens: Show Log).',
    severity: 'error',
    source: DIAGNOSTIC_SOURCE,
    relatedInformation: [],
    findingIndexes: [],
  };
}
