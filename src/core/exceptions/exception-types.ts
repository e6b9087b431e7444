// The shapes of the workspace exceptions file (.cloudtrail-lens/exceptions.json), modelled on
// Elastic Security's rule exceptions: per rule a list of items, an item is a set of entries
// that must all hold, and an event that matches any item raises no alert.
// https://www.elastic.co/guide/en/security/current/add-exceptions.html

/** The operators of Elastic's exception builder, spelled as its UI shows them. */
export type ExceptionOperator =
  | 'is'
  | 'is not'
  | 'is one of'
  | 'is not one of'
  | 'exists'
  | 'does not exist'
  | 'matches'
  | 'does not match';

/** One condition of an exception item, over one ECS field. */
export interface ExceptionEntry {
  /** ECS field name, as in the rule's query (for example `user.name`). */
  field: string;
  operator: ExceptionOperator;
  /** The value for `is`, `is not`, `matches` and `does not match`. */
  value?: string;
  /** The values for `is one of` and `is not one of`. */
  values?: string[];
}

/** A set of conditions that all hold for the events the item exempts. */
export interface ExceptionItem {
  /** Unique in the file; findings name the item that suppressed them by this id. */
  id: string;
  /** Why the events are expected: shown wherever a suppressed finding is shown. */
  comment: string;
  author: string;
  /** ISO 8601 date or date-time. */
  created: string;
  /** ISO 8601 date or date-time from which the item no longer suppresses anything. */
  expires?: string;
  entries: ExceptionEntry[];
}

/** The key under `exceptions` whose items apply to every rule. */
export const ALL_RULES_KEY = '*';

/** The only version of the file format this code reads and writes. */
export const EXCEPTIONS_FILE_VERSION = 1;

/** Where the file lives, relative to a workspace folder. */
export const EXCEPTIONS_FILE_PATH = '.cloudtrail-lens/exceptions.json';

/** The parsed file: rule id (or `*`) to the items for that rule. */
export interface ExceptionsFile {
  $schema?: string;
  version: number;
  exceptions: { [ruleId: string]: ExceptionItem[] };
}

/** A problem in the exceptions file, anchored where it is. */
export interface ExceptionProblem {
  message: string;
  /** Offset (UTF-16 code units) in the file's text. */
  offset: number;
  /** Zero-based line and character of the offset. */
  line: number;
  character: number;
  /** An error drops what it affects (the item, or the whole file); a warning drops nothing. */
  severity: 'error' | 'warning';
  /** The file's path or URI, as the caller named it. */
  source: string;
}
