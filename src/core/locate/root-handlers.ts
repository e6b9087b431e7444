// One handler per layout for a top-level JSON value: it finds the array (or object) that holds
// the events and hands its elements to the element handlers. A file is a stream of such
// values (JSON Lines, or S3 objects concatenated by `zcat`), see value-stream.ts.
import type { LayoutKind } from '../types';
import { locateElements } from './event-array';
import {
  ecsEntry, eventBridgeEnvelope, lakeRow, lookupEntry, rawEvent,
} from './element-handlers';
import { walkObject } from './json-walk';
import type { ElementHandler, LocateContext } from './locate-context';

const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;

/** The handler for one top-level value of a text in this layout (undefined: no events). */
export function rootHandlerFor(layout: LayoutKind): ElementHandler | undefined {
  switch (layout) {
    case 'records': return (ctx, start) => keyedArray(ctx, start, 'Records', rawEvent, 'event');
    case 'array': return (ctx, start) => arrayOrOne(ctx, start, rawEvent, 'event', false);
    case 'single':
    case 'lines': return rawEvent;
    case 'eventbridge':
      return (ctx, start) => arrayOrOne(ctx, start, eventBridgeEnvelope, 'event', true);
    case 'lookup-events': return lookupRoot;
    case 'lake':
      return (ctx, start) => keyedArray(ctx, start, 'QueryResultRows', lakeRow, 'row');
    case 'ecs': return ecsRoot;
    default: return undefined;
  }
}

/** A bare array of elements, or (when `oneAllowed`) a single element on its own. */
function arrayOrOne(ctx: LocateContext, start: number, element: ElementHandler, what: string,
  oneAllowed: boolean): number {
  if (ctx.scanner.codeAt(start) === OPEN_BRACKET) {
    return locateElements(ctx, start, element, what);
  }
  return oneAllowed ? element(ctx, start) : rawEvent(ctx, start);
}

/** lookup-events output: {"Events":[...]}, or the bare array that `--query Events` prints. */
function lookupRoot(ctx: LocateContext, start: number): number {
  if (ctx.scanner.codeAt(start) === OPEN_BRACKET) {
    return locateElements(ctx, start, lookupEntry, 'event');
  }
  return keyedArray(ctx, start, 'Events', lookupEntry, 'event');
}

/**
 * An object whose member `key` is the array of events. When the object is damaged before
 * that array, the array is looked for by its key after the damage.
 */
function keyedArray(ctx: LocateContext, start: number, key: string, element: ElementHandler,
  what: string): number {
  const scanner = ctx.scanner;
  if (scanner.codeAt(start) !== OPEN_BRACE) {
    ctx.failAndReport(start, `Expected an object with a "${key}" array here`, 'error');
    return -1;
  }

  let found = false;
  const end = walkObject(scanner, start, (member, valueStart) => {
    if (member !== key || scanner.codeAt(valueStart) !== OPEN_BRACKET) {
      return scanner.scanValue(valueStart);
    }
    found = true;
    return locateElements(ctx, valueStart, element, what);
  });

  if (end < 0 && !found) {
    ctx.reportScanError(start, 'object', `the "${key}" array is looked for after it`);
    const open = findKeyedArray(ctx, key, scanner.errorOffset);
    if (open >= 0) locateElements(ctx, open, element, what);
    return -1;
  }
  if (end >= 0 && !found) {
    ctx.problem(start, `This object has no "${key}" array, so it holds no events`, 'warning');
  }
  return end;
}

/**
 * Elasticsearch output: a search response (hits.hits, also under Kibana's rawResponse), a
 * pipeline test's {"expected":[...]}, a simulate response's {"docs":[...]}, a bare array, or one
 * hit or document per line.
 */
function ecsRoot(ctx: LocateContext, start: number): number {
  const scanner = ctx.scanner;
  if (scanner.codeAt(start) === OPEN_BRACKET) {
    return locateElements(ctx, start, ecsEntry, 'document');
  }
  if (scanner.codeAt(start) !== OPEN_BRACE) return ecsEntry(ctx, start);

  // Containers first: when the object has none of their keys, it is a hit or a document.
  let container = false;
  const hitsArray = (key: string, valueStart: number): number => {
    if (key !== 'hits' || scanner.codeAt(valueStart) !== OPEN_BRACKET) {
      return scanner.scanValue(valueStart);
    }
    container = true;
    return locateElements(ctx, valueStart, ecsEntry, 'document');
  };
  const searchResponse = (key: string, valueStart: number): number => {
    if (key !== 'hits' || scanner.codeAt(valueStart) !== OPEN_BRACE) {
      return scanner.scanValue(valueStart);
    }
    return walkObject(scanner, valueStart, hitsArray);
  };

  const end = walkObject(scanner, start, (key, valueStart) => {
    const c = scanner.codeAt(valueStart);
    if ((key === 'expected' || key === 'docs') && c === OPEN_BRACKET) {
      container = true;
      return locateElements(ctx, valueStart, ecsEntry, 'document');
    }
    if (key === 'rawResponse' && c === OPEN_BRACE) {
      return walkObject(scanner, valueStart, searchResponse);
    }
    return searchResponse(key, valueStart);
  });

  if (container || end < 0) return end;
  return ecsEntry(ctx, start);
}

/** The '[' of `"key": [` after `from`, or -1. */
function findKeyedArray(ctx: LocateContext, key: string, from: number): number {
  const match = ctx.searchFrom(new RegExp(`"${key}"\\s*:\\s*\\[`, 'g'), from);
  return match === null ? -1 : match.index + match[0].length - 1;
}
