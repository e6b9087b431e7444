// Evaluates one located event against the active rules and adds its findings and problems
// (a parse error, a document Elasticsearch would refuse, a flattened copy it would not
// create) to a result: the body of scanText's loop, so that the fast path and the incremental
// scanner treat every event they do look at exactly as the reference path does. buildFinding
// and its helpers mirror the private ones of scan.ts line for line; once scanText's loop calls
// evaluateEvent (or scan.ts exports buildFinding), the copy below goes away.
import { mapEvent, skippedCopyNotes, type LoadedRule, type ScanOptions } from '../scan';
import type { CompiledQuery } from '../kql';
import type { EcsDocument, Finding, LocatedEvent, Span, TextProblem } from '../types';

/** A rule that can be evaluated: its query compiled. */
export type ActiveRule = Required<LoadedRule>;

/** Where evaluateEvent puts what it finds. */
export interface EventOutcome {
  findings: Finding[];
  suppressed: Finding[];
  problems: TextProblem[];
}

/** Fields every finding carries, besides the rule's own investigation fields. */
const ALWAYS_SHOWN_FIELDS = [
  '@timestamp', 'event.action', 'event.provider', 'event.outcome', 'user.name',
  'aws.cloudtrail.user_identity.arn', 'aws.cloudtrail.user_identity.type',
  'aws.cloudtrail.user_identity.access_key_id', 'source.ip', 'source.address',
  'user_agent.original', 'cloud.account.id', 'cloud.region',
];

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

  for (const loaded of active) {
    if (!loaded.query.matches(doc)) continue;

    const finding = buildFinding(loaded, loaded.query, doc, event);
    const suppressedBy = options.exceptions?.(loaded.rule.id, doc);
    if (suppressedBy) into.suppressed.push({ ...finding, suppressedBy });
    else into.findings.push(finding);
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
