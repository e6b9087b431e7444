// What Elasticsearch indexes for a `flattened` field (aws.cloudtrail.flattened.*): every scalar
// leaf that survived pruning becomes a keyword term holding its JSON text (Java's number
// format, since the pipeline re-serialises the document), addressed by the dotted path of its
// keys; arrays add no path segment (ecs-mapping.md, section 7.2). Also the conditions under
// which Elasticsearch refuses the whole document (FlattenedFieldParser): objects nested more
// than 20 levels, a key holding the NUL character, a key and value longer than Lucene's
// 32,766-byte term limit, and a value that is not an object.
import type { JsonMember, JsonNode } from '../json/json-node';
import type { IndexedValue, Span } from '../types';
import { scalarText } from './java-map-string';
import { walkLeaves } from '../json/walk-leaves';
import { isPrunableScalar, pruneNode, type Pruning } from './prune-node';

const DEPTH_LIMIT = 20;
const MAX_TERM_BYTES = 32766;

export interface FlattenedLeaf {
  /** Dotted key path below the flattened root ("ownersSet.items.owner"). */
  key: string;
  value: IndexedValue;
}

export interface FlattenedCopy {
  /** The pruned object, as _source stores it. */
  pruned: JsonNode;
  leaves: FlattenedLeaf[];
  /** Why Elasticsearch would reject the document because of this field. */
  rejection?: string;
}

export interface FlattenedOptions {
  /** The flattened field's name, for messages. */
  field: string;
  /** Raw path of the object in the record ("requestParameters"). */
  rawPath: string;
  pruning: Pruning;
  spanOf: (offset: number) => number;
  /** Top-level keys removed before the copy (moved away by the pipeline). */
  omitKeys?: readonly string[];
  /** When given, only these top-level keys are kept (retain: minimal). */
  onlyKeys?: readonly string[];
}

interface Visit {
  key: string;
  rawPath: string;
  /** Objects between the root (excluded) and this node (included). */
  level: number;
}

function visitAt(rawPath: string): Visit {
  return { key: '', rawPath, level: 0 };
}

/** The flattened copy of node, or undefined when no leaf survives pruning. */
export function flattenedCopy(node: JsonNode,
  options: FlattenedOptions): FlattenedCopy | undefined {
  const source = selectTopKeys(node, options);
  const pruned = pruneNode(source, options.pruning);
  if (pruned === undefined) return undefined;
  if (pruned.kind !== 'object' && !(pruned.kind === 'array' &&
    pruned.items.every((item) => item.kind === 'object'))) {
    return {
      pruned, leaves: [], rejection: `${options.field} holds a ${pruned.kind}, not an object`,
    };
  }

  const leaves: FlattenedLeaf[] = [];
  let rejection: string | undefined;
  const roots = source.kind === 'array'
    ? source.items.map((node, i) => ({ node, state: visitAt(`${options.rawPath}[${i}]`) }))
    : [{ node: source, state: visitAt(options.rawPath) }];

  // Arrays add no key segment; every object on the way adds a level.
  const childState = (parent: Visit, child: JsonNode, step: string | number): Visit => ({
    key: typeof step === 'number' ? parent.key : parent.key === '' ? step : `${parent.key}.${step}`,
    rawPath: typeof step === 'number' ? `${parent.rawPath}[${step}]`
      : `${parent.rawPath}.${step}`,
    level: child.kind === 'object' ? parent.level + 1 : parent.level,
  });

  walkLeaves(roots, childState, (leaf, visit) => {
    if (isPrunableScalar(leaf, options.pruning)) return;
    const text = scalarText(leaf);
    const span = translate(leaf.span, options.spanOf);
    leaves.push({ key: visit.key, value: { text, rawPath: visit.rawPath, span } });
    rejection ??= leafRejection(options.field, visit.key, text, visit.level);
  });
  return { pruned, leaves, ...(rejection === undefined ? {} : { rejection }) };
}

function selectTopKeys(node: JsonNode, options: FlattenedOptions): JsonNode {
  const { omitKeys, onlyKeys } = options;
  if (node.kind !== 'object' || (omitKeys === undefined && onlyKeys === undefined)) {
    return node;
  }
  const members = node.members.filter((member: JsonMember) =>
    !(omitKeys ?? []).includes(member.key) &&
    (onlyKeys === undefined || onlyKeys.includes(member.key)));
  return { kind: 'object', members, span: node.span };
}

function leafRejection(field: string, key: string, text: string,
  level: number): string | undefined {
  if (level >= DEPTH_LIMIT) {
    return `${field} is nested deeper than Elasticsearch's flattened depth limit of ${DEPTH_LIMIT}`;
  }
  if (key.includes('\0')) return `${field} has a key containing the NUL character`;
  if ((key.length + 1 + text.length) * 3 > MAX_TERM_BYTES &&
    utf8Length(key) + 1 + utf8Length(text) > MAX_TERM_BYTES) {
    return `${field}.${key} is longer than Lucene's term limit of ${MAX_TERM_BYTES} bytes`;
  }
  return undefined;
}

/** Bytes of the UTF-8 encoding of a JavaScript string (lone surrogates count as 3). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A span of the parsed text translated to the file's offsets. */
export function translate(span: Span, spanOf: (offset: number) => number): Span {
  return { start: spanOf(span.start), end: spanOf(span.end) };
}
