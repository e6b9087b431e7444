// Reads one Elastic detection rule file (the TOML format of elastic/detection-rules) into the
// engine's Rule. The format is described in ../shared/reference/rules.md, section 1; a complete
// TOML parser is required because queries and guides use all four string styles.

// smol-toml's package declares ESM-only types, which a CommonJS project (module Node16) may not
// import; the runtime is fine (the package ships index.cjs, and esbuild bundles either form).
import { parse, TomlError } from 'smol-toml';
import type { Rule, RuleLoadProblem, Severity, Threat, ThreatEntry } from '../types';
import { checkRuleQuery } from './check-rule-query';
import { classifySupport } from './rule-support';
import { stringValuePosition } from './string-value-position';
import { isTomlObject, TableReader, type ReadContext } from './table-reader';
import { locateTomlKeys } from './toml-locate';

/** Defaults Kibana applies when a rule leaves the key out. */
export const RULE_DEFAULTS = {
  // Kibana's rule API defaults: from "now-6m" as its documentation states
  // (https://www.elastic.co/guide/en/siem/guide/7.6/rules-api-create.html), and a 5-minute
  // interval (../shared/reference/rules.md, section 1.2)
  interval: '5m',
  from: 'now-6m',
  // DEFAULT_MAX_SIGNALS in Kibana's security_solution common/constants.ts
  maxSignals: 100,
} as const;

const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

const REQUIRED_KEYS = ['rule_id', 'name', 'type', 'severity', 'risk_score', 'description'];

/** Result of reading one rule file: the rule when it is usable, and every problem found. */
export interface ParsedRule {
  rule?: Rule;
  problems: RuleLoadProblem[];
}

/** Parses the text of one rule file; problems carry zero-based positions in that file. */
export function parseRuleToml(text: string, source: string, builtin = false): ParsedRule {
  const problems: RuleLoadProblem[] = [];

  // the TOML itself: a syntax error ends the reading
  let document: { [key: string]: unknown };
  try {
    document = parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    problems.push(tomlProblem(error, source, text.startsWith('\uFEFF')));
    return { problems };
  }

  const context: ReadContext = { source, locations: locateTomlKeys(text), problems };
  const ruleValue = document.rule;
  if (!isTomlObject(ruleValue)) {
    problems.push({ source, message: 'not a detection rule: the file has no [rule] table' });
    return { problems };
  }
  const rule = new TableReader(ruleValue, 'rule', context);
  const metadataValue = document.metadata;
  const metadata = isTomlObject(metadataValue)
    ? new TableReader(metadataValue, 'metadata', context) : undefined;

  // the keys without which there is no rule to show
  for (const key of REQUIRED_KEYS) {
    if (!rule.has(key)) rule.problem(undefined, `missing required key "${key}" in [rule]`);
  }
  const before = problems.length;
  const id = rule.string('rule_id');
  const name = rule.string('name');
  const type = rule.string('type');
  const description = rule.string('description');
  const severity = readSeverity(rule);
  const riskScore = rule.integer('risk_score', 0, 100);
  if (problems.length > before || id === undefined || name === undefined || type === undefined
    || description === undefined || severity === undefined || riskScore === undefined) {
    return { problems };
  }

  // optional keys: a bad value is reported and replaced by the default
  const base: Omit<Rule, 'support'> = {
    id,
    name,
    version: readVersion(rule, metadata),
    type,
    language: rule.string('language'),
    query: rule.string('query'),
    index: rule.stringList('index') ?? [],
    severity,
    riskScore,
    interval: rule.string('interval') ?? RULE_DEFAULTS.interval,
    from: rule.string('from') ?? RULE_DEFAULTS.from,
    maxSignals: rule.integer('max_signals', 1, Number.MAX_SAFE_INTEGER) ?? RULE_DEFAULTS.maxSignals,
    author: rule.stringList('author') ?? [],
    license: rule.string('license'),
    tags: rule.stringList('tags') ?? [],
    description: description.trim(),
    note: rule.string('note'),
    setup: rule.string('setup'),
    falsePositives: (rule.stringList('false_positives') ?? []).map((text) => text.trim()),
    references: rule.stringList('references') ?? [],
    threat: rule.children('threat').map(readThreat).filter(isDefined),
    investigationFields: rule.child('investigation_fields')?.stringList('field_names') ?? [],
    timestampOverride: rule.string('timestamp_override'),
    creationDate: metadata?.string('creation_date'),
    updatedDate: metadata?.string('updated_date'),
    source,
    builtin,
  };

  // support, plus what the file asks of Kibana that no file can provide
  let support = classifySupport(base);
  support.warnings.push(...kibanaOnlyWarnings(rule));

  // a KQL query that cannot run is an error of the file, placed where the query says it is
  if (support.supported && base.query !== undefined) {
    const check = checkRuleQuery(base.query);
    if (!check.ok) {
      support = { ...support, supported: false, reason: check.reason };
      for (const error of check.errors) {
        queryProblem(text, rule, context, base.query, error.offset, error.message);
      }
    }
  }
  return { rule: { ...base, support }, problems };
}

/** A problem at an offset of the query, placed in the file (or at its key, when unplaced). */
function queryProblem(text: string, rule: TableReader, context: ReadContext, query: string,
  offset: number, message: string): void {
  const location = context.locations.keys.get('rule.query');
  if (location === undefined) {
    rule.problem('query', message, 'error');
    return;
  }

  const at = stringValuePosition(text, location, query, offset);
  context.problems.push({ source: context.source, message, line: at.line,
    character: at.character, severity: 'error' });
}

function readSeverity(rule: TableReader): Severity | undefined {
  const value = rule.string('severity');
  if (value === undefined) return undefined;
  const severity = SEVERITIES.find((candidate) => candidate === value);
  if (severity === undefined) {
    rule.problem('severity', `"rule.severity" must be one of ${SEVERITIES.join(', ')}; `
      + `found ${JSON.stringify(value)}`);
  }
  return severity;
}

// The version is normally assigned at release (version.lock.json); a file may record it in
// [rule] (as Kibana's exported rules do) or in [metadata].
function readVersion(rule: TableReader, metadata: TableReader | undefined): number | undefined {
  const inRule = rule.integer('version', 1, Number.MAX_SAFE_INTEGER);
  const inMetadata = metadata?.integer('version', 1, Number.MAX_SAFE_INTEGER);
  if (inRule !== undefined && inMetadata !== undefined && inRule !== inMetadata) {
    rule.problem('version', `"rule.version" (${inRule}) and "metadata.version" (${inMetadata}) `
      + `differ; using ${inRule}`);
  }
  return inRule ?? inMetadata;
}

function readThreat(entry: TableReader): Threat | undefined {
  const framework = entry.string('framework');
  const tacticTable = entry.child('tactic');
  const tactic = tacticTable === undefined ? undefined : readThreatEntry(tacticTable);
  if (framework === undefined || tactic === undefined) {
    entry.problem(undefined, 'a [[rule.threat]] entry needs "framework" and a complete '
      + '[rule.threat.tactic] (id, name, reference); the entry is ignored');
    return undefined;
  }

  const techniques = entry.children('technique').map((technique) => {
    const fields = readThreatEntry(technique);
    if (fields === undefined) return undefined;
    const subtechniques = technique.children('subtechnique').map(readThreatEntry).filter(isDefined);
    return { ...fields, subtechniques };
  });
  return { framework, tactic, techniques: techniques.filter(isDefined) };
}

function readThreatEntry(table: TableReader): ThreatEntry | undefined {
  const id = table.string('id');
  const name = table.string('name');
  const reference = table.string('reference');
  if (id === undefined || name === undefined || reference === undefined) {
    table.problem(undefined, `[${table.path}] needs "id", "name" and "reference"; `
      + 'the entry is ignored');
    return undefined;
  }
  return { id, name, reference };
}

// Parts of a rule that only exist inside Kibana: the rule still runs here, without them.
function kibanaOnlyWarnings(rule: TableReader): string[] {
  const warnings: string[] = [];
  const filters = rule.table.filters;
  if (Array.isArray(filters) && filters.length > 0) {
    warnings.push(`the rule has ${filters.length} Kibana filter(s) that CloudTrail Lens does not `
      + 'apply; it may flag events that Elastic would not');
  }
  const exceptions = rule.table.exceptions_list;
  if (Array.isArray(exceptions) && exceptions.length > 0) {
    warnings.push('the rule refers to exception lists kept in Kibana; they are not applied, so '
      + 'events Elastic would except are still flagged');
  }
  return warnings;
}

function tomlProblem(error: unknown, source: string, bom: boolean): RuleLoadProblem {
  if (error instanceof TomlError) {
    // smol-toml counts lines and columns from 1 and appends a code block to the message
    const firstLine = error.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
    const onFirstLine = error.line === 1 && bom;
    return {
      source,
      message: `invalid TOML: ${firstLine}`,
      line: error.line - 1,
      character: error.column - 1 + (onFirstLine ? 1 : 0),
    };
  }
  return { source, message: `invalid TOML: ${String(error)}` };
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
