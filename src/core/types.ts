// The shapes that flow through the engine, from text to findings. Every module of src/core
// speaks in these types; the CLI and the extension only ever see them through scan.ts.

/** A half-open range [start, end) of UTF-16 code-unit offsets into the scanned text. */
export interface Span {
  start: number;
  end: number;
}

/** A zero-based line and character (UTF-16 code units), the way VS Code counts. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A problem in the input, anchored at an offset of the scanned text. */
export interface TextProblem {
  message: string;
  offset: number;
  /** How the problem affects results: an error loses events, a warning or note does not. */
  severity: 'error' | 'warning' | 'note';
}

/** Every layout the engine recognises, detected from content. */
export type LayoutKind =
  | 'records'          // {"Records":[...]} as CloudTrail delivers to S3
  | 'array'            // a bare JSON array of CloudTrail events
  | 'single'           // one CloudTrail event object
  | 'lines'            // JSON Lines / NDJSON of CloudTrail events
  | 'lookup-events'    // aws cloudtrail lookup-events: Events[].CloudTrailEvent escaped strings
  | 'eventbridge'      // EventBridge envelope(s), the event under "detail"
  | 'lake'             // CloudTrail Lake query results (QueryResultRows)
  | 'ecs'              // Elasticsearch hits / exports of ECS documents (already mapped)
  | 'digest'           // CloudTrail digest file: recognised, never evaluated
  | 'unknown';         // JSON we do not claim (or not JSON at all)

/** How an event's text relates to the event. */
export type EventEncoding =
  | 'raw'       // the span is a JSON object holding a raw CloudTrail record
  | 'escaped'   // the span is a JSON string token whose content is the record's JSON text
  | 'ecs'       // the span is a JSON object holding an ECS document (_source)
  | 'lake-row'; // the span is a Lake result row: an array of one-key objects

/** Where one event sits in the text; produced by locate, consumed by scan. */
export interface LocatedEvent {
  /** Zero-based position of the event in its file, counting every event located. */
  index: number;
  /** The event's token in the text (object, string or row array). */
  span: Span;
  encoding: EventEncoding;
}

/** Result of locating events: every complete event, plus the damage found on the way. */
export interface LocateResult {
  layout: LayoutKind;
  events: LocatedEvent[];
  problems: TextProblem[];
}

/**
 * One value as Elasticsearch indexes it for a field: the term text that queries compare with,
 * and where it came from, so that explanations can point at it.
 */
export interface IndexedValue {
  /**
   * The indexed text: strings as they are, booleans and integers as their JSON text, decimals
   * as Elasticsearch writes them back out (Java's Double.toString: `1.50` is `1.5`).
   */
  text: string;
  /** Path of the raw CloudTrail value: dotted, array indexes in brackets (`a.items[0].b`). */
  rawPath?: string;
  /** The raw value's token in the scanned text, when it is known. */
  span?: Span;
}

/** Elasticsearch field types that decide how a KQL clause matches. */
export type FieldType =
  | 'keyword'
  | 'constant_keyword'
  | 'flattened_root'   // aws.cloudtrail.flattened.<object>: searches all leaf values
  | 'flattened_keyed'  // aws.cloudtrail.flattened.<object>.<path>: leaves at exactly that path
  | 'ip'
  | 'boolean'
  | 'date'
  | 'long'
  | 'double'
  | 'text';

/** One field of a mapped document, as a query sees it. */
export interface IndexedField {
  type: FieldType;
  values: IndexedValue[];
  /**
   * False when Elasticsearch keeps the value but cannot search it (ignore_above exceeded);
   * then no value, wildcard or existence query matches.
   */
  searchable: boolean;
  /** Why the field is not searchable, for explanations. */
  unsearchableReason?: string;
}

/** A JSON value as it appears in a mapped document's source (for display and JSON output). */
export type JsonPlain =
  string | number | boolean | null | JsonPlain[] | { [key: string]: JsonPlain };

/** The ECS view of one event: what Elastic's pipeline would have indexed. */
export interface EcsDocument {
  /** The indexed form of a field, or undefined when the document has no value for it. */
  field(name: string): IndexedField | undefined;
  /** Every field name that has values (leaf paths), for field patterns and free text. */
  fieldNames(): Iterable<string>;
  /** The nested ECS document, as Elasticsearch would store it in _source. */
  source: { [key: string]: JsonPlain };
  /** Notes about the mapping (approximate HashMap order, unsupported shapes...). */
  notes: string[];
  /** Set when Elasticsearch would refuse to index the whole document: no rule can match it. */
  rejection?: string;
}

/** The outcome of one leaf clause of a query for one document. */
export interface ClauseExplanation {
  /** The clause as written in the query. */
  clause: string;
  /** ECS field the clause queries (undefined for free text). */
  field?: string;
  /** Whether the clause, on its own, held for the document (before any enclosing `not`). */
  matched: boolean;
  /** True when the clause sits under an odd number of `not`s. */
  negated: boolean;
  /** The indexed value that satisfied it (or the first value seen, when it did not match). */
  value?: string;
  rawPath?: string;
  span?: Span;
  /** Extra words when the answer depends on a limit or a documented divergence. */
  note?: string;
}

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface ThreatEntry {
  id: string;
  name: string;
  reference: string;
}

export interface Threat {
  framework: string;
  tactic: ThreatEntry;
  techniques: (ThreatEntry & { subtechniques: ThreatEntry[] })[];
}

/** Whether the engine can evaluate a rule, and why not. */
export interface RuleSupport {
  supported: boolean;
  reason?: string;
  /** Caveats of a supported rule (depends on enrichment, divergent Elasticsearch behaviour...). */
  warnings: string[];
}

/** A detection rule as the engine uses it, loaded from Elastic's TOML format. */
export interface Rule {
  id: string;
  name: string;
  /** Version from the rule file's metadata or the pack's lock, when known. */
  version?: number;
  type: string;
  language?: string;
  query?: string;
  index: string[];
  severity: Severity;
  riskScore: number;
  interval: string;
  from: string;
  maxSignals: number;
  author: string[];
  license?: string;
  tags: string[];
  description: string;
  /** The investigation guide (Markdown). */
  note?: string;
  setup?: string;
  falsePositives: string[];
  references: string[];
  threat: Threat[];
  investigationFields: string[];
  timestampOverride?: string;
  creationDate?: string;
  updatedDate?: string;
  /** Where the rule came from: a file path, or "builtin:<file>" for the bundled pack. */
  source: string;
  builtin: boolean;
  support: RuleSupport;
}

/** A problem met loading a rule file, with where it is. */
export interface RuleLoadProblem {
  source: string;
  message: string;
  /** Zero-based position in the rule file (or in its query, shifted to the file), if known. */
  line?: number;
  character?: number;
  /**
   * Default error: the file gave no rule, or its rule cannot run (a query that does not parse).
   * 'warning' when the rule loaded and runs (an override, a bad optional value).
   */
  severity?: 'error' | 'warning';
}

/** One event that one rule flags. */
export interface Finding {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  riskScore: number;
  /** eventID of the record (event.id for ECS documents). */
  eventId?: string;
  eventIndex: number;
  /** The event's token (object or escaped string) in the text. */
  eventSpan: Span;
  /** The eventName value token, or for escaped events the string token that holds the event. */
  span: Span;
  explanation: ClauseExplanation[];
  /** Investigation fields of the rule (and a few always useful ones) with their values. */
  fields: { [ecsField: string]: JsonPlain };
  /** Raw CloudTrail path of each investigation field, when it came from one. */
  fieldSources: { [ecsField: string]: { rawPath?: string; span?: Span } };
  /** The exception item that suppressed this finding, when one did. */
  suppressedBy?: { id: string; comment: string };
}

/** Everything a scan of one text found. */
export interface ScanResult {
  layout: LayoutKind;
  /** Number of events located (complete ones; damaged ones are problems). */
  events: number;
  findings: Finding[];
  /** Findings that an exception item suppressed: kept, never silently lost. */
  suppressed: Finding[];
  problems: TextProblem[];
}
