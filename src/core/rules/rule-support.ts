// Which rules the engine can evaluate on a file, and what to tell the user about the rest.
// Only query rules in KQL are evaluated one record at a time; every other rule type needs
// something a single file does not hold (history, aggregation, another query language).
import { fieldTypeOf } from '../ecs/fields';
import { KqlSyntaxError, parseKql, queryFields as parsedQueryFields } from '../kql';
import type { Rule, RuleSupport } from '../types';
import { scanQueryFields } from './scan-query-fields';

/** The parts of a rule that decide whether it is supported. */
export type RuleSupportInput = Pick<Rule, 'type' | 'language' | 'query'>;

// Why each rule type other than `query` cannot be evaluated (the types are those of
// elastic/detection-rules detection_rules/schemas/definitions.py; see
// ../shared/reference/rules.md, section 3.1).
const UNSUPPORTED_TYPES = new Map<string, string>(Object.entries({
  eql: 'EQL rules are written in the Event Query Language (sequences and joins across events); '
    + 'CloudTrail Lens evaluates KQL only',
  esql: 'ES|QL rules run a piped query with aggregations over the whole index; '
    + 'CloudTrail Lens evaluates KQL only',
  threshold: 'threshold rules count matching events per group over the rule\'s time window; '
    + 'CloudTrail Lens evaluates each event on its own',
  new_terms: 'new_terms rules need the history of earlier events (history_window_start); '
    + 'one file cannot reproduce that',
  machine_learning: 'machine_learning rules read the results of an anomaly-detection job; '
    + 'there is no model to consult offline',
  threat_match: 'threat_match rules compare events with an indicator index; '
    + 'no indicator data is available offline',
}));

const UNSUPPORTED_LANGUAGES = new Map<string, string>(Object.entries({
  lucene: 'the query is written in Lucene syntax; CloudTrail Lens evaluates KQL (kuery) only',
  eql: 'the query is written in EQL; CloudTrail Lens evaluates KQL (kuery) only',
  esql: 'the query is written in ES|QL; CloudTrail Lens evaluates KQL (kuery) only',
}));

// Fields that Elasticsearch fills from GeoIP and user-agent databases at ingest time
// (../shared/reference/ecs-mapping.md, section 11); CloudTrail Lens leaves them absent.
const ENRICHED_FIELDS: readonly RegExp[] = [
  /^source\.as(?:\.|$)/,
  /^source\.geo(?:\.|$)/,
  /^user_agent\.(?:name|version)$/,
  /^user_agent\.(?:os|device)(?:\.|$)/,
];

const ENRICHMENT_WARNING = 'depends on GeoIP/user-agent enrichment CloudTrail Lens cannot '
  + 'perform; clauses on it never match (under `not`, the rule flags more events than Elastic '
  + 'would)';

/**
 * Decides whether a rule can be evaluated and lists the caveats of a supported one.
 * `queryFields`, when given (from the parsed query), replaces the text scan for field names.
 */
export function classifySupport(rule: RuleSupportInput, queryFields?: string[]): RuleSupport {
  const unsupported = unsupportedReason(rule);
  if (unsupported !== undefined) return { supported: false, reason: unsupported, warnings: [] };

  const query = rule.query ?? '';
  const scanned = scanQueryFields(query);
  const fields = unique(queryFields ?? parsedFields(query) ?? scanned.map((use) => use.field));
  const warnings: string[] = [];

  // clauses on enriched fields can never hold here; neither can clauses on unknown fields
  for (const field of fields) {
    if (ENRICHED_FIELDS.some((pattern) => pattern.test(field))) {
      warnings.push(`${field}: ${ENRICHMENT_WARNING}`);
    } else if (isUnknownField(field)) {
      warnings.push(`the query names ${field}, which no CloudTrail event has in the ECS mapping: `
        + 'clauses on it never match');
    }
  }

  // wildcards on keyed flattened fields: Elasticsearch's own answer varies (kql-semantics 4.4)
  const patterned = unique(scanned.filter((use) => use.wildcardValue && isKeyedFlattened(use.field))
    .map((use) => use.field));
  for (const field of patterned) {
    warnings.push(`${field}: wildcard values on a keyed flattened field behave differently across `
      + 'Elasticsearch versions (rejected, or matched against every leaf of the object); '
      + 'CloudTrail Lens matches each pattern against the whole value of the leaves at this '
      + 'exact path');
  }

  if (rule.type === 'saved_query') {
    warnings.push('saved_query rule: Kibana runs the saved query it references (saved_id) when it '
      + 'exists; CloudTrail Lens evaluates the query text in the rule file');
  }
  return { supported: true, warnings };
}

/** True for `aws.cloudtrail.flattened.<object>.<path>`: a leaf path, not the object's root. */
export function isKeyedFlattened(field: string): boolean {
  const parts = field.split('.');
  return parts.length > 4 && parts[0] === 'aws' && parts[1] === 'cloudtrail'
    && parts[2] === 'flattened';
}

/**
 * True for a field name that no mapped CloudTrail document can hold (a misspelling, or a field
 * of another data source). A field pattern (`event.*`) is left alone: Kibana expands it against
 * the index's fields, and a pattern that matches none is a different mistake than a typo.
 * Sub-keys of flattened fields are free-form, so any of them is known (fieldTypeOf says so).
 */
function isUnknownField(field: string): boolean {
  return !field.includes('*') && fieldTypeOf(field) === undefined;
}

// The fields of a query that parses, nested paths in full; undefined for one that does not
// (the query check then reports it, and the text scan stands in).
function parsedFields(query: string): string[] | undefined {
  try {
    return parsedQueryFields(parseKql(query));
  } catch (error) {
    if (error instanceof KqlSyntaxError) return undefined;
    throw error;
  }
}

function unsupportedReason(rule: RuleSupportInput): string | undefined {
  const type = rule.type;
  const typeReason = UNSUPPORTED_TYPES.get(type);
  if (typeReason !== undefined) return typeReason;
  if (type !== 'query' && type !== 'saved_query') {
    return `unknown rule type "${type}"; CloudTrail Lens evaluates query rules written in KQL`;
  }

  // Kibana's default language for query rules is kuery
  const language = rule.language ?? 'kuery';
  if (language !== 'kuery') {
    return UNSUPPORTED_LANGUAGES.get(language)
      ?? `unknown query language "${language}"; CloudTrail Lens evaluates KQL (kuery) only`;
  }

  if (rule.query === undefined || rule.query.trim() === '') {
    return type === 'saved_query'
      ? 'saved_query rule without a query in the file: the query lives in Kibana (saved_id)'
      : 'the rule has no query text to evaluate';
  }
  return undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
