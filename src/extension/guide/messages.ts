// The messages that cross the webview boundary, and their validation. The page renders
// third-party text, so the extension treats whatever it posts as untrusted input.
import type { GuideTarget } from './guide-types';

/** A message the guide page posts to the extension. */
export type WebviewMessage =
  | { type: 'reveal'; kind: 'field'; field: string }
  | { type: 'reveal'; kind: 'clause'; index: number }
  | { type: 'reveal'; kind: 'event' }
  | { type: 'openLink'; url: string }
  | { type: 'navigate'; direction: 'previous' | 'next' };

const MAX_FIELD_LENGTH = 512;
const MAX_CLAUSE_INDEX = 9_999;
const MAX_URL_LENGTH = 4_096;
const MAX_RULE_ID_LENGTH = 256;
const MAX_DOCUMENT_URI_LENGTH = 8_192;
const MAX_FINDING_INDEX = 100_000_000;

type Fields = { [key: string]: unknown };

/** A plain object whose keys are all in `allowed`, or undefined. */
function objectWithKeys(raw: unknown, allowed: readonly string[]): Fields | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;

  const prototype: unknown = Object.getPrototypeOf(raw);
  if (prototype !== Object.prototype && prototype !== null) return undefined;

  const fields = raw as Fields;
  return Object.keys(fields).every((key) => allowed.includes(key)) ? fields : undefined;
}

/** A string of 1..max characters without control characters. */
function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max
    && !hasControlCharacter(value);
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** An integer in [0, max]. */
function isIndex(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

/** Validates a message from the guide page; anything unexpected gives undefined. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  const head = objectWithKeys(raw, ['type', 'kind', 'field', 'index', 'url', 'direction']);
  if (!head) return undefined;

  switch (head.type) {
    case 'reveal':
      return parseReveal(head);
    case 'openLink': {
      const message = objectWithKeys(raw, ['type', 'url']);
      return message && isText(message.url, MAX_URL_LENGTH)
        ? { type: 'openLink', url: message.url }
        : undefined;
    }
    case 'navigate': {
      const message = objectWithKeys(raw, ['type', 'direction']);
      const direction = message?.direction;
      return direction === 'previous' || direction === 'next'
        ? { type: 'navigate', direction }
        : undefined;
    }
    default:
      return undefined;
  }
}

/** The three forms of a reveal request, each with exactly its own keys. */
function parseReveal(raw: Fields): WebviewMessage | undefined {
  if (raw.kind === 'field') {
    const message = objectWithKeys(raw, ['type', 'kind', 'field']);
    return message && isText(message.field, MAX_FIELD_LENGTH)
      ? { type: 'reveal', kind: 'field', field: message.field }
      : undefined;
  }

  if (raw.kind === 'clause') {
    const message = objectWithKeys(raw, ['type', 'kind', 'index']);
    return message && isIndex(message.index, MAX_CLAUSE_INDEX)
      ? { type: 'reveal', kind: 'clause', index: message.index }
      : undefined;
  }

  if (raw.kind === 'event') {
    return objectWithKeys(raw, ['type', 'kind']) ? { type: 'reveal', kind: 'event' } : undefined;
  }
  return undefined;
}

/**
 * Validates the state a restored webview hands back (what the page stored with setState).
 * The page may keep its scroll position beside the target; that is not part of the target.
 */
export function parseGuideTarget(raw: unknown): GuideTarget | undefined {
  const state = objectWithKeys(raw, ['ruleId', 'documentUri', 'findingIndex', 'scrollY']);
  if (!state || !isText(state.ruleId, MAX_RULE_ID_LENGTH)) return undefined;

  const target: GuideTarget = { ruleId: state.ruleId };
  if (state.documentUri !== undefined) {
    if (!isText(state.documentUri, MAX_DOCUMENT_URI_LENGTH)) return undefined;
    target.documentUri = state.documentUri;
  }

  if (state.findingIndex !== undefined) {
    if (!isIndex(state.findingIndex, MAX_FINDING_INDEX) || !target.documentUri) return undefined;
    target.findingIndex = state.findingIndex;
  }
  return target;
}

/**
 * The URL to hand to the operating system, or undefined when it must not be opened: only
 * absolute https URLs (and http ones when allowed), with a host and without credentials.
 * The normalised form is returned so that what was checked is exactly what gets opened.
 */
export function normalizeExternalUrl(url: string, allowHttp: boolean): string | undefined {
  if (!isText(url, MAX_URL_LENGTH) || /\s/.test(url)) return undefined;

  // The URL parser forgives "https:///host" and "https:\\host"; a link that needs forgiving
  // is not one a rule author wrote, so only the plain scheme://host form is accepted.
  if (!/^https?:\/\/[^/\\]/i.test(url)) return undefined;

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }

  const schemeAllowed = parsed.protocol === 'https:' || (allowHttp && parsed.protocol === 'http:');
  if (!schemeAllowed || parsed.hostname === '') return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  return parsed.href;
}

/** Whether a URL from a rule or the page may be opened outside VS Code. */
export function isAllowedExternalUrl(url: string, allowHttp: boolean): boolean {
  return normalizeExternalUrl(url, allowHttp) !== undefined;
}
