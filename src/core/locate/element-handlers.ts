// One handler per kind of array element: each scans its element, emits the event it holds
// (only once the whole element is known to be sound) and returns where the element ends.
import { isCloudTrailDetailType } from '../layout';
import type { LocateContext } from './locate-context';
import { decodeJsonStringToken } from './json-string';
import { walkObject } from './json-walk';

const QUOTE = 34;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;

/** A raw CloudTrail record: the object itself. */
export function rawEvent(ctx: LocateContext, start: number): number {
  if (ctx.scanner.codeAt(start) !== OPEN_BRACE) return skipNonObject(ctx, start, 'an object');

  const end = ctx.scanner.scanValue(start);
  if (end >= 0) ctx.emit(start, end, 'raw');
  return end;
}

/** An EventBridge envelope: its `detail`, when the detail-type says CloudTrail. */
export function eventBridgeEnvelope(ctx: LocateContext, start: number): number {
  const scanner = ctx.scanner;
  if (scanner.codeAt(start) !== OPEN_BRACE) return skipNonObject(ctx, start, 'an object');

  let detailStart = -1;
  let detailEnd = -1;
  let detailType: string | undefined;
  const end = walkObject(scanner, start, (key, valueStart) => {
    const valueEnd = scanner.scanValue(valueStart);
    if (valueEnd < 0) return -1;
    if (key === 'detail' && scanner.codeAt(valueStart) === OPEN_BRACE) {
      detailStart = valueStart;
      detailEnd = valueEnd;
    } else if (key === 'detail-type' && scanner.codeAt(valueStart) === QUOTE) {
      detailType = decodeJsonStringToken(ctx.text, { start: valueStart, end: valueEnd }, true)
        .value;
    }
    return valueEnd;
  });

  // Envelopes of other AWS events (instance state changes...) are not CloudTrail: skipped.
  if (end >= 0 && detailStart >= 0 && detailType !== undefined
    && isCloudTrailDetailType(detailType)) {
    ctx.emit(detailStart, detailEnd, 'raw');
  }
  return end;
}

/** A lookup-events entry: its CloudTrailEvent string; or the string itself (--query output). */
export function lookupEntry(ctx: LocateContext, start: number): number {
  const scanner = ctx.scanner;
  if (scanner.codeAt(start) === QUOTE) {
    const end = scanner.scanString(start);
    if (end >= 0) ctx.emit(start, end, 'escaped');
    return end;
  }
  if (scanner.codeAt(start) !== OPEN_BRACE) return skipNonObject(ctx, start, 'an object');

  let tokenStart = -1;
  let tokenEnd = -1;
  const end = walkObject(scanner, start, (key, valueStart) => {
    const valueEnd = scanner.scanValue(valueStart);
    if (key === 'CloudTrailEvent' && valueEnd >= 0 && scanner.codeAt(valueStart) === QUOTE) {
      tokenStart = valueStart;
      tokenEnd = valueEnd;
    }
    return valueEnd;
  });

  if (end >= 0 && tokenStart >= 0) {
    ctx.emit(tokenStart, tokenEnd, 'escaped');
  } else if (end >= 0) {
    ctx.problem(start, 'This lookup-events entry has no CloudTrailEvent string; skipped',
      'warning');
  }
  return end;
}

/** A CloudTrail Lake result row: an array of one-key objects. */
export function lakeRow(ctx: LocateContext, start: number): number {
  if (ctx.scanner.codeAt(start) !== OPEN_BRACKET) return skipNonObject(ctx, start, 'an array');

  const end = ctx.scanner.scanValue(start);
  if (end >= 0) ctx.emit(start, end, 'lake-row');
  return end;
}

/**
 * An Elasticsearch document: a search hit's `_source`, a simulate result's `doc._source`, or
 * the element itself when it is a bare ECS document.
 */
export function ecsEntry(ctx: LocateContext, start: number): number {
  const scanner = ctx.scanner;
  if (scanner.codeAt(start) !== OPEN_BRACE) return skipNonObject(ctx, start, 'an object');

  let sourceStart = -1;
  let sourceEnd = -1;
  let isHit = false;
  const findSource = (key: string, valueStart: number): number => {
    if (key === '_source' && scanner.codeAt(valueStart) === OPEN_BRACE) {
      sourceStart = valueStart;
      sourceEnd = scanner.scanValue(valueStart);
      return sourceEnd;
    }
    if (key === '_index' || key === '_id') isHit = true;
    return scanner.scanValue(valueStart);
  };

  const end = walkObject(scanner, start, (key, valueStart) => {
    if (key === 'doc' && scanner.codeAt(valueStart) === OPEN_BRACE) {
      isHit = true;
      return walkObject(scanner, valueStart, findSource);
    }
    return findSource(key, valueStart);
  });

  if (end < 0) return -1;
  if (sourceStart >= 0) {
    ctx.emit(sourceStart, sourceEnd, 'ecs');
  } else if (isHit) {
    ctx.problem(start, 'This search hit has no _source document; skipped', 'warning');
  } else {
    ctx.emit(start, end, 'ecs');
  }
  return end;
}

/** Skips a well-formed element that cannot hold an event, with a warning. */
function skipNonObject(ctx: LocateContext, start: number, expected: string): number {
  const end = ctx.scanner.scanValue(start);
  if (end >= 0) {
    ctx.problem(start, `This element is not ${expected}, so it cannot hold an event; skipped`,
      'warning');
  }
  return end;
}
