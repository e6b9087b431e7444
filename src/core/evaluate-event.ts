// One located event, all the way: parse it, map it to ECS, evaluate every active rule, and add
// its findings and problems (a parse error, a document Elasticsearch would refuse, a flattened
// copy it would not create, a value too long to search) to a result. Every scan path (the
// reference loop, the fast path, the incremental and streaming scanners) calls this, so they
// treat an event identically.
import { effectiveRetain, mapEcsSource, mapRecord, type MapOptions } from './ecs';
import { ignoreAboveNotes } from './ignore-above-notes';
import { JsonSyntaxError, parseJson, type JsonNode } from './json';
import { parseKql, queryFields, termSatisfiedBy, type CompiledQuery } from './kql';
import { lakeRowToRecord } from './lake-row';
import { decodeJsonStringToken, JsonStringError } from './locate/json-string';
import type { LoadedRule, ScanOptions } from './scan-options';
import type { EcsDocument, Finding, LocatedEvent, Span, TextProblem } from './types';

/** Fields every finding carries, besides the rule's own investigation fields. */
const ALWAYS_SHOWN_FIELDS = [
  '@timestamp', 'event.action', 'event.provider', 'event.outcome', 'user.name',
  'aws.cloudtrail.user_identity.arn', 'aws.cloudtrail.user_identity.type',
  'aws.cloudtrail.user_identity.access_key_id', 'source.ip', 'source.address',
  'user_agent.original', 'cloud.account.id', 'cloud.region',
];

/** The raw objects Elastic also copies as flattened fields, by ECS name (ecs-mapping.md 7.1). */
const FLATTENED_COPIES = [
  'request_parameters', 'response_elements', 'additional_eventdata', 'service_event_details',
];

/** The pipeline creates no flattened copy of an object rendered this long (elastic/beats#21382). */
const FLATTENED_MAX_LENGTH = 32766;

/** A rule that can be evaluated: its query compiled. */
export type ActiveRule = Required<LoadedRule>;

/** Where evaluateEvent puts what it finds. */
export interface EventOutcome {
  findings: Finding[];
  suppressed: Finding[];
  problems: TextProblem[];
}

/** The rules of a list whose query compiled, in list order. */
export function activeRules(rules: readonly LoadedRule[]): ActiveRule[] {
  return rules.filter((r): r is ActiveRule => r.query !== undefined);
}

/** Parses, maps and evaluates one event; findings and problems are appended to `into`. */
export function evaluateEvent(text: string, event: LocatedEvent, active: readonly ActiveRule[],
  options: ScanOptions, into: EventOutcome): void {
  const doc = mapEvent(text, event, options, into.problems);
  if (doc === undefined) return;

  // Elasticsearch would refuse to index this document, so no alert could ever come from it.
  if (doc.rejection !== undefined) {
    into.problems.push({ message: `event ${event.index + 1} would not be indexed by `
      + `Elasticsearch (${doc.rejection}); no rule can match it`,
    offset: event.span.start, severity: 'note' });
    return;
  }
  into.problems.push(...skippedCopyNotes(doc, event, active, options));
  into.problems.push(...ignoreAboveNotes(doc, event, active));

  for (const loaded of active) {
    if (!loaded.query.matches(doc)) continue;

    const finding = buildFinding(loaded, loaded.query, doc, event);
    const suppressedBy = options.exceptions?.(loaded.rule.id, doc);
    if (suppressedBy) into.suppressed.push({ ...finding, suppressedBy });
    else into.findings.push(finding);
  }
}

/** The fields of each compiled query, read once: scans repeat on every edit in the editor. */
const FIELDS_OF_QUERY = new WeakMap<CompiledQuery, string[]>();

/**
 * Notes on an event whose object is rendered too long for Elastic to create its flattened copy
 * (bugs.md 1.3), for the rules that query that copy and whose other required terms all hold:
 * those rules cannot flag the event, in Elastic silently. The note points at the raw object.
 */
export function skippedCopyNotes(doc: EcsDocument, event: LocatedEvent,
  active: readonly ActiveRule[], options: ScanOptions): TextProblem[] {
  // as the mapping applies it: the 2024 pipeline has no retain option and keeps every form
  const retain = effectiveRetain(options.pruning, options.retain);
  if (retain === 'keyword' || retain === 'none') return [];
  const notes: TextProblem[] = [];

  for (const name of FLATTENED_COPIES) {
    const value = doc.field(`aws.cloudtrail.${name}`)?.values[0];
    if (value === undefined || value.text.length < FLATTENED_MAX_LENGTH) continue;
    if (doc.field(`aws.cloudtrail.flattened.${name}`) !== undefined) continue;

    const missed = active.filter(({ query }) => missesOnlyForCopy(query, name, doc));
    if (missed.length === 0) continue;
    notes.push({
      message: `event ${event.index + 1}: ${value.rawPath ?? name} renders to `
        + `${value.text.length} characters, so Elastic's pipeline creates no `
        + `aws.cloudtrail.flattened.${name} (only below ${FLATTENED_MAX_LENGTH}): rules that `
        + `query it cannot flag this event (${missed.map(({ rule }) => rule.name).join(', ')})`,
      offset: value.span?.start ?? event.span.start,
      severity: 'note',
    });
  }

  return notes;
}

/**
 * Whether a query uses the flattened copy of an object and every required term group that is
 * not about that object holds for the document: only the missing copy stands in the way.
 */
function missesOnlyForCopy(query: CompiledQuery, name: string, doc: EcsDocument): boolean {
  const root = `aws.cloudtrail.flattened.${name}`;
  const string = `aws.cloudtrail.${name}`;
  const under = (field: string, base: string): boolean =>
    field === base || field.startsWith(`${base}.`);

  let fields = FIELDS_OF_QUERY.get(query);
  if (fields === undefined) {
    fields = queryFields(parseKql(query.source));
    FIELDS_OF_QUERY.set(query, fields);
  }
  if (!fields.some((f) => under(f, root))) return false;

  return query.requiredClauses().every((group) =>
    group.every((term) => under(term.field, root) || under(term.field, string))
    || group.some((term) => termSatisfiedBy(term, doc)));
}

/** Parses one located event and maps it to ECS; a parse error becomes a positioned problem. */
export function mapEvent(text: string, event: LocatedEvent, options: ScanOptions,
  problems: TextProblem[]): EcsDocument | undefined {
  const mapOptions: MapOptions = { pruning: options.pruning, retain: options.retain };

  let translate: (offset: number) => number = (offset) => offset;
  try {
    switch (event.encoding) {
      case 'raw':
        return mapRecord(parseJson(text, event.span.start, event.span.end), mapOptions);
      case 'ecs':
        return mapEcsSource(parseJson(text, event.span.start, event.span.end), mapOptions);
      case 'lake-row':
        return mapRecord(lakeRowToRecord(parseJson(text, event.span.start, event.span.end)),
          mapOptions);
      case 'escaped': {
        const { value, toTextOffset } = decodeJsonStringToken(text, event.span);
        translate = toTextOffset;
        const node: JsonNode = parseJson(value);
        return mapRecord(node, { ...mapOptions, spanOf: toTextOffset });
      }
    }
  } catch (error) {
    // A raw control character in an escaped record is found while unescaping it, at an
    // offset of the text already; parse errors are at offsets of the parsed value.
    const offset = error instanceof JsonStringError ? error.offset
      : error instanceof JsonSyntaxError ? translate(error.offset) : undefined;
    if (offset === undefined) throw error;
    problems.push({
      message: `event ${event.index + 1} is not valid JSON: ${(error as Error).message}`,
      offset,
      severity: 'error',
    });
    return undefined;
  }
}

/** Builds the finding for a matched event: where to point, why it matched, what to look at. */
function buildFinding(loaded: LoadedRule, query: CompiledQuery, doc: EcsDocument,
  event: LocatedEvent): Finding {
  const { rule } = loaded;
  const fields: Finding['fields'] = {};
  const fieldSources: Finding['fieldSources'] = {};

  for (const name of [...rule.investigationFields, ...ALWAYS_SHOWN_FIELDS]) {
    if (name in fields) continue;
    const value = sourceValue(doc, name);
    if (value === undefined) continue;

    fields[name] = value;
    const first = doc.field(name)?.values[0];
    if (first?.rawPath !== undefined || first?.span !== undefined) {
      fieldSources[name] = { rawPath: first.rawPath, span: first.span };
    }
  }

  const eventId = doc.field('event.id')?.values[0]?.text;
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    severity: rule.severity,
    riskScore: rule.riskScore,
    eventId,
    eventIndex: event.index,
    eventSpan: event.span,
    span: findingSpan(doc, event),
    explanation: query.explain(doc),
    fields,
    fieldSources,
  };
}

/** The eventName value token for raw and ECS events, the whole string for escaped ones. */
function findingSpan(doc: EcsDocument, event: LocatedEvent): Span {
  if (event.encoding === 'escaped') return event.span;

  const action = doc.field('event.action')?.values[0]?.span;
  if (action && action.start >= event.span.start && action.end <= event.span.end) return action;
  return event.span;
}

/** A field's value as the stored ECS document holds it (nested lookup, dotted keys allowed). */
function sourceValue(doc: EcsDocument, name: string): Finding['fields'][string] | undefined {
  let node: unknown = doc.source;
  const parts = name.split('.');

  for (let i = 0; i < parts.length; i++) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    const record = node as Record<string, unknown>;

    // ECS exports may store a dotted key ("event.action") instead of nested objects.
    const rest = parts.slice(i).join('.');
    if (Object.prototype.hasOwnProperty.call(record, rest)) {
      return record[rest] as Finding['fields'][string];
    }
    node = record[parts[i]];
  }

  return node as Finding['fields'][string] | undefined;
}
