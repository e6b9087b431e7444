// Decides which layout a text has, from its content only (never from a file name): the first
// 16 KB are read with the scanner (1 MB when that is not enough), so the answer costs
// microseconds even on a 50 MB file.
import type { LayoutKind } from './types';
import { JsonScanner } from './locate/json-scanner';
import { decodeJsonStringToken } from './locate/json-string';
import { firstElement, readMembers, type SniffedMember } from './locate/json-walk';

const WINDOWS = [16 * 1024, 1024 * 1024];

/** Top-level keys of a CloudTrail record; two of them make an object a record. */
const CLOUDTRAIL_KEYS = new Set([
  'eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion',
  'sourceIPAddress', 'userAgent', 'requestParameters', 'responseElements', 'requestID',
  'eventID', 'eventType', 'recipientAccountId', 'errorCode', 'errorMessage', 'readOnly',
  'managementEvent', 'eventCategory', 'additionalEventData', 'resources', 'apiVersion',
  'sharedEventID', 'vpcEndpointId', 'tlsDetails', 'sessionCredentialFromConsole',
  'serviceEventDetails', 'insightDetails', 'edgeDeviceDetails', 'addendum',
]);

/** Keys of an `aws cloudtrail lookup-events` entry besides CloudTrailEvent; two make one. */
const LOOKUP_ENTRY_KEYS = new Set(['EventId', 'EventName', 'EventTime', 'EventSource',
  'Username', 'Resources', 'AccessKeyId', 'ReadOnly']);

/** Keys that only CloudTrail digest files have. */
const DIGEST_KEYS = new Set([
  'digestStartTime', 'digestEndTime', 'digestS3Bucket', 'digestS3Object',
  'digestPublicKeyFingerprint', 'digestSignatureAlgorithm', 'previousDigestHashValue',
]);

/** What one JSON object looks like, judged from its keys. */
type ObjectKind =
  | 'cloudtrail' | 'eventbridge' | 'eventbridge-other' | 'lookup-entry' | 'ecs' | 'digest'
  | 'other';

// Whether an EventBridge detail-type carries a CloudTrail record ("AWS API Call via CloudTrail",
// "AWS Console Sign In via CloudTrail", "AWS Service Event via CloudTrail", ...).
export function isCloudTrailDetailType(detailType: string): boolean {
  return / via CloudTrail$/.test(detailType);
}

// Detects the layout of a text from its first bytes.
export function detectLayout(text: string): LayoutKind {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < text.length && isJsonSpace(text.charCodeAt(start))) start++;

  const c = text.charCodeAt(start);
  if (c !== 0x7b /* { */ && c !== 0x5b /* [ */) return 'unknown';

  // Most files decide within the first window; a huge first value may need the second.
  let layout: LayoutKind = 'unknown';
  for (const size of WINDOWS) {
    const windowEnd = Math.min(text.length, start + size);
    const scanner = new JsonScanner(text.slice(0, windowEnd));
    layout = c === 0x5b ? detectArray(scanner, start) : detectObject(text, scanner, start);
    if (layout !== 'unknown' || windowEnd === text.length) break;
  }
  return layout;
}

/** A bare array: what its first element is decides. */
function detectArray(scanner: JsonScanner, open: number): LayoutKind {
  const first = firstElement(scanner, open);
  if (first === -1) return 'unknown';

  if (scanner.codeAt(first) === 0x22 /* " */) {
    return looksLikeEscapedRecord(scanner, first) ? 'lookup-events' : 'unknown';
  }
  if (scanner.codeAt(first) !== 0x7b) return 'unknown';

  const { members, end, damaged } = readMembers(scanner, first);
  switch (classifyObject(scanner, members, undefined, end < 0 && !damaged)) {
    case 'cloudtrail': return 'array';
    case 'eventbridge': return 'eventbridge';
    case 'lookup-entry': return 'lookup-events';
    case 'ecs': return 'ecs';
    case 'digest': return 'digest';
    default: return 'unknown';
  }
}

/** A root object: a known wrapper, one event, or the first of JSON Lines. */
function detectObject(text: string, scanner: JsonScanner, open: number): LayoutKind {
  const { members, end, damaged } = readMembers(scanner, open);
  const wrapper = detectWrapper(scanner, members)
    ?? (damaged ? damagedWrapper(scanner) : undefined);
  if (wrapper !== undefined) return wrapper;

  switch (classifyObject(scanner, members, text, end < 0 && !damaged)) {
    case 'cloudtrail': return isJsonLines(scanner.text, open, end, damaged) ? 'lines' : 'single';
    case 'eventbridge': return 'eventbridge';
    case 'ecs': return 'ecs';
    case 'digest': return 'digest';
    default: return 'unknown';
  }
}

/** The layouts that wrap events in a keyed array (Records, Events, QueryResultRows, hits). */
function detectWrapper(scanner: JsonScanner, members: SniffedMember[]): LayoutKind | undefined {
  const arrayOf = (key: string): SniffedMember | undefined => members.find(
    (m) => m.key === key && scanner.codeAt(m.valueStart) === 0x5b);

  if (members.some((m) => DIGEST_KEYS.has(m.key))) return 'digest';

  const records = arrayOf('Records');
  if (records !== undefined) return isS3Notification(scanner, records) ? 'unknown' : 'records';

  const events = arrayOf('Events');
  if (events !== undefined) {
    const first = firstElement(scanner, events.valueStart);
    if (first === -1) return 'lookup-events';
    if (scanner.codeAt(first) !== 0x7b) return undefined;
    const kind = classifyObject(scanner, readMembers(scanner, first).members);
    return kind === 'lookup-entry' ? 'lookup-events' : undefined;
  }

  if (arrayOf('QueryResultRows') !== undefined) return 'lake';

  // Elasticsearch: a search response (bare, or under Kibana's "rawResponse"), or a pipeline
  // test's "expected" / simulate's "docs".
  if (hasSearchHits(scanner, members)) return 'ecs';
  const raw = objectMember(scanner, members, 'rawResponse');
  if (raw !== undefined && hasSearchHits(scanner, readMembers(scanner, raw).members)) {
    return 'ecs';
  }
  for (const key of ['expected', 'docs']) {
    const array = arrayOf(key);
    const first = array === undefined ? -1 : firstElement(scanner, array.valueStart);
    if (first === -1 || scanner.codeAt(first) !== 0x7b) continue;
    const inner = readMembers(scanner, first).members;
    if (inner.some((m) => m.key === 'doc') || classifyObject(scanner, inner) === 'ecs') {
      return 'ecs';
    }
  }
  return undefined;
}

/** Whether the members include {"hits": {"hits": [...]}}, as a search response has. */
function hasSearchHits(scanner: JsonScanner, members: SniffedMember[]): boolean {
  const hits = objectMember(scanner, members, 'hits');
  if (hits === undefined) return false;
  return readMembers(scanner, hits).members
    .some((m) => m.key === 'hits' && scanner.codeAt(m.valueStart) === 0x5b);
}

/** Where the object value of member `key` starts, when there is one. */
function objectMember(scanner: JsonScanner, members: SniffedMember[],
  key: string): number | undefined {
  return members.find((m) => m.key === key && scanner.codeAt(m.valueStart) === 0x7b)?.valueStart;
}

/** A wrapper key found by a plain search, when damage stopped the walk before it. */
function damagedWrapper(scanner: JsonScanner): LayoutKind | undefined {
  const key = /"(Records|Events|QueryResultRows)"\s*:\s*\[/.exec(scanner.text)?.[1];
  if (key === 'Records') return 'records';
  if (key === 'Events') return 'lookup-events';
  return key === undefined ? undefined : 'lake';
}

/**
 * What an object is, from its keys. `fullText` lets an EventBridge envelope whose detail-type
 * comes after a large detail be recognised by one targeted search. `cut` says that the text
 * ends inside the object: then an envelope is recognised by what it already shows (a
 * CloudTrail detail-type, or a detail holding a record), so that the locator reports the cut
 * instead of the file passing silently for something else.
 */
function classifyObject(scanner: JsonScanner, members: SniffedMember[],
  fullText?: string, cut = false): ObjectKind {
  const keys = new Set(members.map((m) => m.key));

  if (members.some((m) => DIGEST_KEYS.has(m.key))) return 'digest';
  const envelope = keys.has('detail') && (keys.has('detail-type') || keys.has('source'));
  if (envelope || (cut && keys.has('detail-type'))) {
    const detailType = stringValue(scanner, members, 'detail-type')
      ?? (fullText === undefined ? undefined : findDetailType(fullText, scanner.limit));
    if (detailType !== undefined) {
      return isCloudTrailDetailType(detailType) ? 'eventbridge' : 'eventbridge-other';
    }
    if (envelope) return cut && detailIsRecord(scanner, members) ? 'eventbridge' : 'other';
  }
  if (keys.has('CloudTrailEvent')) return 'lookup-entry';
  let lookupKeys = 0;
  for (const key of keys) if (LOOKUP_ENTRY_KEYS.has(key)) lookupKeys++;
  if (lookupKeys >= 2 && keys.has('EventId')) return 'lookup-entry';

  let cloudTrailKeys = 0;
  for (const key of keys) if (CLOUDTRAIL_KEYS.has(key)) cloudTrailKeys++;
  if (cloudTrailKeys >= 2) return 'cloudtrail';

  if (keys.has('_source') || (keys.has('_index') && keys.has('_id'))) return 'ecs';
  if (looksLikeEcs(keys)) return 'ecs';
  return 'other';
}

/** Whether the envelope's `detail` is an object with the keys of a CloudTrail record. */
function detailIsRecord(scanner: JsonScanner, members: SniffedMember[]): boolean {
  const detail = objectMember(scanner, members, 'detail');
  if (detail === undefined) return false;

  let cloudTrailKeys = 0;
  for (const member of readMembers(scanner, detail).members) {
    if (CLOUDTRAIL_KEYS.has(member.key)) cloudTrailKeys++;
  }
  return cloudTrailKeys >= 2;
}

/** An ECS document: dotted ECS field names, or @timestamp/ecs beside event/aws/cloud. */
function looksLikeEcs(keys: Set<string>): boolean {
  for (const key of keys) {
    if (key.startsWith('event.') || key.startsWith('aws.cloudtrail')) return true;
  }
  const anchored = keys.has('@timestamp') || keys.has('ecs') || keys.has('data_stream');
  return anchored && (keys.has('event') || keys.has('aws') || keys.has('cloud'));
}

/** S3 event notifications also come as {"Records":[...]}; their records name the bucket. */
function isS3Notification(scanner: JsonScanner, records: SniffedMember): boolean {
  const first = firstElement(scanner, records.valueStart);
  if (first === -1 || scanner.codeAt(first) !== 0x7b) return false;

  const members = readMembers(scanner, first).members;
  if (members.some((m) => m.key === 's3')) return true;
  return stringValue(scanner, members, 'eventSource')?.startsWith('aws:') ?? false;
}

/** Whether the string element at `start` holds an escaped CloudTrail record. */
function looksLikeEscapedRecord(scanner: JsonScanner, start: number): boolean {
  const end = scanner.scanString(start);
  const head = end < 0
    ? scanner.text.slice(start + 1, start + 2048)
    : decodeJsonStringToken(scanner.text, { start, end }, true).value.slice(0, 2048);
  const prefix = end < 0 ? head.replace(/\\"/g, '"') : head;
  return prefix.trimStart().startsWith('{')
    && /"(?:eventVersion|eventTime|eventSource|eventName|eventID)"/.test(prefix);
}

/** The decoded value of a string member, when it is one and ended inside the window. */
function stringValue(scanner: JsonScanner, members: SniffedMember[],
  key: string): string | undefined {
  const member = members.find((m) => m.key === key);
  if (member === undefined || member.valueEnd < 0) return undefined;
  if (scanner.codeAt(member.valueStart) !== 0x22) return undefined;
  return decodeJsonStringToken(scanner.text,
    { start: member.valueStart, end: member.valueEnd }, true).value;
}

/** A "detail-type" beyond the window (after a large detail object). */
function findDetailType(text: string, from: number): string | undefined {
  const re = /"detail-type"\s*:\s*"([^"\\]*)"/g;
  re.lastIndex = from;
  return re.exec(text)?.[1];
}

/**
 * Whether the object at `open` is the first record of JSON Lines: it ends before the first
 * line break (or runs past the window without one); a damaged first object counts when the
 * next line starts another object.
 */
function isJsonLines(text: string, open: number, end: number, damaged: boolean): boolean {
  if (end >= 0) return !/[\r\n]/.test(text.slice(open, end));

  const lineBreak = text.slice(open).search(/[\r\n]/);
  if (lineBreak === -1) return true;
  if (!damaged) return false;
  return /^[\r\n]+\{/.test(text.slice(open + lineBreak, open + lineBreak + 4));
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
