// What the "Add exception for this ..." quick fixes offer and write. Pure: candidates come from
// the core (suggestExceptionItems), items are completed by the core (buildExceptionItem,
// nextExceptionId); this module only picks the candidates offered, words the titles and the
// default comment, checks the command's arguments and works out author and expiry. Values and
// rule names shown in the input box and the quick pick have their hidden characters made
// visible (visibleText) and are cut on grapheme boundaries (cutText).
import { cutText, visibleText } from '../core/display-text';
import {
  buildExceptionItem, nextExceptionId, suggestExceptionItems, type CandidateKind,
  type ExceptionCandidate, type ExceptionItem, type ExceptionsFile,
} from '../core/exceptions';
import type { Finding } from '../core/types';
import { inertIcons } from './code-lens-plan';
import { compareBySeverity } from './finding-text';

export { ADD_EXCEPTION_COMMAND } from './command-ids';

/** The candidate kinds offered as quick fixes, in the order they are listed. */
export type OfferedKind = Exclude<CandidateKind, 'principal'>;

/**
 * The exact quick-fix titles. UI tests select the actions by these words, so they are part of
 * the extension's contract. The core's "principal" (ARN) candidate is not offered: for an
 * assumed role it names one session, which is rarely what an exception should be about.
 */
export const EXCEPTION_ACTION_TITLES: Readonly<Record<OfferedKind, string>> = {
  'user': 'Add exception for this user',
  'access-key': 'Add exception for this access key',
  'user-agent': 'Add exception for this user agent',
  'source': 'Add exception for this source address',
};

const OFFERED_ORDER: readonly OfferedKind[] = ['user', 'access-key', 'user-agent', 'source'];

const NOUNS: Readonly<Record<OfferedKind, string>> = {
  'user': 'user',
  'access-key': 'access key',
  'user-agent': 'user agent',
  'source': 'source address',
};

const COMMENT_VALUE_LIMIT = 80;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One quick fix: its title and the entries the item would have. */
export interface ExceptionAction {
  kind: OfferedKind;
  title: string;
  candidate: ExceptionCandidate;
}

/** What the add-exception command is called with (from a code action, or by a test). */
export interface AddExceptionArgs {
  /** The analysed document or decompressed view, as `Uri.toString()` gives it. */
  documentUri: string;
  /** Index of the finding in that document's findings. */
  findingIndex: number;
  kind: OfferedKind;
  /** The comment to record; when absent the user is asked for one. */
  comment?: string;
}

/** The quick fixes for a finding: only the candidates its event has a value for. */
export function exceptionActionsFor(finding: Finding): ExceptionAction[] {
  const byKind = new Map(suggestExceptionItems(finding).map((c) => [c.kind, c]));
  return OFFERED_ORDER.flatMap((kind) => {
    const candidate = byKind.get(kind);
    return candidate === undefined ? [] : [{ kind, title: EXCEPTION_ACTION_TITLES[kind],
      candidate }];
  });
}

/** Checks untrusted command arguments; undefined when they are not usable. */
export function parseAddExceptionArgs(value: unknown): AddExceptionArgs | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const kind = OFFERED_ORDER.find((k) => k === raw.kind);
  if (typeof raw.documentUri !== 'string' || kind === undefined) return undefined;
  if (typeof raw.findingIndex !== 'number' || !Number.isInteger(raw.findingIndex) ||
    raw.findingIndex < 0) {
    return undefined;
  }
  if (raw.comment !== undefined && (typeof raw.comment !== 'string' || raw.comment.trim() === '')) {
    return undefined;
  }

  const args: AddExceptionArgs = { documentUri: raw.documentUri,
    findingIndex: raw.findingIndex, kind };
  if (typeof raw.comment === 'string') args.comment = raw.comment.trim();
  return args;
}

/**
 * The comment the input box starts with, so that Enter alone gives a meaningful item. The
 * values are shown, not kept: a bidi control or zero-width character in a user agent is
 * written as a visible escape, in the box and in the comment saved from it.
 */
export function defaultComment(action: ExceptionAction): string {
  const values = action.candidate.entries.flatMap((e) =>
    e.value !== undefined ? [e.value] : e.values ?? []);
  const text = values.join(', ').replace(/[\r\n\u2028\u2029]+/g, ' ');
  const cut = text.length <= COMMENT_VALUE_LIMIT ? text : cutText(text, COMMENT_VALUE_LIMIT - 1);
  return `Expected activity of ${NOUNS[action.kind]} ${visibleText(cut)}`;
}

/** The input box's check: a comment is required, since every suppressed finding shows it. */
export function validateComment(value: string): string | undefined {
  return value.trim() === '' ? 'A comment is required: it is shown on every finding that the ' +
    'exception suppresses.' : undefined;
}

/**
 * The rules that flag the same event as a finding, most severe first: an exception is filed
 * per rule, so the user chooses among them when there are several.
 */
export function rulesOfEvent(findings: readonly Finding[],
  findingIndex: number): { ruleId: string; ruleName: string }[] {
  const chosen = findings[findingIndex];
  if (chosen === undefined) return [];

  const sameEvent = findings.filter((f) => f.eventIndex === chosen.eventIndex)
    .sort(compareBySeverity);
  const seen = new Set<string>();
  return sameEvent.flatMap((f) => {
    if (seen.has(f.ruleId)) return [];
    seen.add(f.ruleId);
    return [{ ruleId: f.ruleId, ruleName: f.ruleName }];
  });
}

/** A quick pick item for one rule of rulesOfEvent: the rule's name and id as shown text. */
export interface RulePickItem {
  label: string;
  description: string;
  picked: boolean;
  ruleId: string;
}

/** The items of the "which rules" quick pick, all picked; ruleId keeps the exact id. */
export function rulePickItems(rules: readonly { ruleId: string; ruleName: string }[]):
  RulePickItem[] {
  return rules.map((rule) => ({
    label: inertIcons(visibleText(rule.ruleName)),
    description: inertIcons(visibleText(rule.ruleId)),
    picked: true,
    ruleId: rule.ruleId,
  }));
}

/** The author of new items: the setting when set, else the OS user, else "unknown". */
export function resolveAuthor(setting: string, osUser: () => string | undefined): string {
  if (setting.trim() !== '') return setting.trim();
  let user: string | undefined;
  try {
    user = osUser();
  } catch {
    // os.userInfo() throws when the user has no entry in the password database (containers)
    user = undefined;
  }
  return user !== undefined && user.trim() !== '' ? user.trim() : 'unknown';
}

/** When a new item expires: `days` after creation, or never for 0. */
export function expiryOf(created: Date, days: number): Date | undefined {
  return days > 0 ? new Date(created.getTime() + days * DAY_MS) : undefined;
}

/** What a new item needs besides its candidate. */
export interface NewItemDetails {
  comment: string;
  author: string;
  now: Date;
  expiryDays: number;
}

/** The item to write into a file that currently holds `file` (for a fresh id). */
export function newExceptionItem(action: Pick<ExceptionAction, 'candidate'>,
  file: ExceptionsFile | undefined, details: NewItemDetails): ExceptionItem {
  return buildExceptionItem(action.candidate, {
    id: nextExceptionId(file),
    comment: details.comment,
    author: details.author,
    created: details.now,
    expires: expiryOf(details.now, details.expiryDays),
  });
}
