// Typed reads out of one table of a parsed TOML document. A value of the wrong type becomes a
// problem placed on its key's line (found by toml-locate), and the caller gets undefined, so a
// bad optional key costs only that key while the rest of the rule still loads.
import type { Position, RuleLoadProblem } from '../types';
import type { TomlLocations } from './toml-locate';

/** A parsed TOML table; values are whatever smol-toml produced. */
export type TomlObject = { [key: string]: unknown };

/** What every reader of one rule file shares: where problems go and how to place them. */
export interface ReadContext {
  source: string;
  locations: TomlLocations;
  problems: RuleLoadProblem[];
}

/** True for a TOML table (not an array, not a date). */
export function isTomlObject(value: unknown): value is TomlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && !(value instanceof Date);
}

/** Reads typed values from one table, reporting wrong types as positioned problems. */
export class TableReader {
  constructor(
    readonly table: TomlObject,
    /** Dotted name of the table in the file ("rule", "rule.threat.tactic"). */
    readonly path: string,
    private readonly context: ReadContext,
  ) {}

  has(key: string): boolean {
    return Object.hasOwn(this.table, key) && this.table[key] !== undefined;
  }

  /** Records a problem at the key's position, else at the table's header. */
  problem(key: string | undefined, message: string, severity?: 'error' | 'warning'): void {
    const at = this.positionOf(key);
    const problem: RuleLoadProblem = { source: this.context.source, message };
    if (severity !== undefined) problem.severity = severity;
    if (at !== undefined) {
      problem.line = at.line;
      problem.character = at.character;
    }
    this.context.problems.push(problem);
  }

  string(key: string): string | undefined {
    if (!this.has(key)) return undefined;
    const value = this.table[key];
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return value;
    this.problem(key, `"${this.name(key)}" must be a string, found ${describe(value)}`);
    return undefined;
  }

  stringList(key: string): string[] | undefined {
    if (!this.has(key)) return undefined;
    const value = this.table[key];
    if (!Array.isArray(value)) {
      this.problem(key, `"${this.name(key)}" must be a list of strings, found ${describe(value)}`);
      return undefined;
    }

    const strings: string[] = [];
    value.forEach((item: unknown, index) => {
      if (typeof item === 'string') {
        strings.push(item);
      } else {
        const found = describe(item);
        this.problem(key, `"${this.name(key)}"[${index}] must be a string, found ${found}`);
      }
    });
    return strings;
  }

  /** An integer within [min, max]; anything else is a problem. */
  integer(key: string, min: number, max: number): number | undefined {
    if (!this.has(key)) return undefined;
    const value = this.table[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
      return value;
    }
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    this.problem(key, `"${this.name(key)}" must be an integer ${range}, found ${describe(value)}`);
    return undefined;
  }

  /** A sub-table, as a reader of its own. */
  child(key: string): TableReader | undefined {
    if (!this.has(key)) return undefined;
    const value = this.table[key];
    if (isTomlObject(value)) return new TableReader(value, `${this.path}.${key}`, this.context);
    this.problem(key, `"${this.name(key)}" must be a table, found ${describe(value)}`);
    return undefined;
  }

  /** An array of tables ([[x]] entries or an inline array of inline tables). */
  children(key: string): TableReader[] {
    if (!this.has(key)) return [];
    const value = this.table[key];
    const items: unknown[] = Array.isArray(value) ? value : [value];
    const readers: TableReader[] = [];

    items.forEach((item, index) => {
      if (isTomlObject(item)) {
        readers.push(new TableReader(item, `${this.path}.${key}`, this.context));
      } else {
        this.problem(key, `"${this.name(key)}"[${index}] must be a table, found ${describe(item)}`);
      }
    });
    return readers;
  }

  private name(key: string): string {
    return `${this.path}.${key}`;
  }

  private positionOf(key: string | undefined): Position | undefined {
    if (key !== undefined) {
      const keyAt = this.context.locations.keys.get(this.name(key))
        ?? this.context.locations.tables.get(this.name(key));
      if (keyAt !== undefined) return 'key' in keyAt ? keyAt.key : keyAt;
    }
    return this.context.locations.tables.get(this.path);
  }
}

/** A short description of a TOML value for messages: its type, and the value when short. */
export function describe(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (isTomlObject(value)) return 'a table';
  return typeof value;
}
