// The Markdown of the hover over a flagged event: rule, severity, risk, ATT&CK tactics, the
// query clause by clause, and a link that opens the guide. Pure; every string that comes from
// a rule file or a log goes through escapeMarkdown, because both are third-party text.
import type { ClauseExplanation, Finding, Rule } from '../core/types';
import { describeCall } from './finding-text';
import { guideCommandUri } from './guide-target';
import { escapeMarkdown } from './markdown-text';

/** One finding shown in the hover, with the rule it came from when that is still loaded. */
export interface HoverEntry {
  finding: Finding;
  findingIndex: number;
  rule?: Rule;
}

const SATISFIED = '\u2713';
const NOT_SATISFIED = '\u2717';
const SEPARATOR = '\n\n---\n\n';

/** Builds the hover text for the findings of one event. */
export function hoverMarkdown(entries: readonly HoverEntry[], documentUri: string): string {
  return entries.map((entry) => findingSection(entry, documentUri)).join(SEPARATOR);
}

function findingSection(entry: HoverEntry, documentUri: string): string {
  const { finding, rule } = entry;
  const lines: string[] = [];

  // headline: name, severity and risk, then the ATT&CK mapping
  lines.push(`**${escapeMarkdown(finding.ruleName)}** \u2014 severity ` +
    `${escapeMarkdown(finding.severity)}, risk score ${finding.riskScore}`);
  const threat = rule === undefined ? [] : threatLines(rule);
  if (threat.length > 0) lines.push('', ...threat);

  // what happened, in one sentence
  lines.push('', escapeMarkdown(describeCall(finding)));

  // the query, clause by clause
  if (finding.explanation.length > 0) {
    lines.push('', 'Why it matched:', '');
    lines.push(...finding.explanation.map(clauseLine));
  }

  const caveats = rule?.support.warnings ?? [];
  if (caveats.length > 0) {
    lines.push('', 'Caveats:', '', ...caveats.map((w) => `- ${escapeMarkdown(w)}`));
  }

  const target = { ruleId: finding.ruleId, documentUri, findingIndex: entry.findingIndex };
  lines.push('', `[Open investigation guide](${guideCommandUri(target)}) \u00b7 rule ` +
    escapeMarkdown(finding.ruleId));
  return lines.join('\n');
}

/** "Tactic: Discovery (TA0007); technique: Cloud Infrastructure Discovery (T1580)". */
function threatLines(rule: Rule): string[] {
  return rule.threat.map((threat) => {
    const tactic = `${threat.tactic.name} (${threat.tactic.id})`;
    const techniques = threat.techniques.map((technique) => {
      const subs = technique.subtechniques.map((s) => `${s.name} (${s.id})`);
      const subPart = subs.length > 0 ? ` \u203a ${subs.join(', ')}` : '';
      return `${technique.name} (${technique.id})${subPart}`;
    });
    const techniquePart = techniques.length > 0 ? `; technique: ${techniques.join(', ')}` : '';
    return escapeMarkdown(`${threat.framework} tactic: ${tactic}${techniquePart}`) + '  ';
  });
}

function clauseLine(clause: ClauseExplanation): string {
  const satisfied = clause.matched !== clause.negated;
  const mark = satisfied ? SATISFIED : NOT_SATISFIED;
  const written = clause.negated ? `not (${clause.clause})` : clause.clause;

  const where = clause.rawPath ?? clause.field;
  const value = clause.value === undefined ? '' :
    ` \u2014 ${where === undefined ? '' : `${where} = `}${clause.value}`;
  const note = clause.note === undefined ? '' : ` (${clause.note})`;
  return `- ${mark} ${escapeMarkdown(written + value + note)}`;
}
