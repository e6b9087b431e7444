// The working state of the pipeline while one record is mapped: ECS field name -> _source
// value and indexed values, in the order the pipeline creates them. Steps read earlier results
// back (user.id is overwritten, related.user collects several), much as the pipeline's
// processors read and write ctx.
import type { JsonNode } from '../json/json-node';
import type { IndexedValue, JsonPlain } from '../types';
import type { FlattenedLeaf } from './flattened-leaves';

export interface BagEntry {
  plain: JsonPlain;
  values: IndexedValue[];
  searchable?: boolean;
  unsearchableReason?: string;
  /** True for fields indexed from a _source value stored elsewhere (resources.arn). */
  indexOnly?: boolean;
  /** The pruned value, converted to `plain` only when _source is read (flattened copies). */
  pruned?: JsonNode;
  /** For flattened fields: the leaves, addressed by key path below the field. */
  leaves?: FlattenedLeaf[];
}

export class FieldBag {
  private readonly entries = new Map<string, BagEntry>();

  has(name: string): boolean {
    return this.entries.has(name);
  }

  get(name: string): BagEntry | undefined {
    return this.entries.get(name);
  }

  /** The field's value when it is a single string (what a painless `== 'x'` can match). */
  text(name: string): string | undefined {
    const plain = this.entries.get(name)?.plain;
    return typeof plain === 'string' ? plain : undefined;
  }

  set(name: string, entry: BagEntry): void {
    this.entries.set(name, entry);
  }

  /** Sets a single string value. */
  setText(name: string, text: string, origin: Omit<IndexedValue, 'text'> = {}): void {
    this.entries.set(name, { plain: text, values: [{ text, ...origin }] });
  }

  /** Sets a list of strings (event.type, event.category). */
  setTexts(name: string, texts: readonly string[]): void {
    this.entries.set(name, { plain: [...texts], values: texts.map((text) => ({ text })) });
  }

  /** Copies another field's value (the pipeline's `set` with `copy_from`). */
  copy(target: string, from: string): void {
    const entry = this.entries.get(from);
    if (entry === undefined) return;
    // Values are never modified in place, except lists by append: those are copied.
    this.entries.set(target, {
      plain: Array.isArray(entry.plain) ? [...entry.plain] : entry.plain,
      values: entry.values.map((value) => ({ ...value })),
    });
  }

  /** Appends to a list field unless the text is already there (append, no duplicates). */
  append(name: string, text: string, origin: Omit<IndexedValue, 'text'> = {}): void {
    if (text === '') return;
    const entry = this.entries.get(name);
    if (entry === undefined) {
      this.entries.set(name, { plain: [text], values: [{ text, ...origin }] });
      return;
    }
    if (entry.values.some((value) => value.text === text)) return;
    if (!Array.isArray(entry.plain)) entry.plain = entry.plain === null ? [] : [entry.plain];
    entry.plain.push(text);
    entry.values.push({ text, ...origin });
  }

  delete(name: string): void {
    this.entries.delete(name);
  }

  /** Entries in creation order. */
  all(): IterableIterator<[string, BagEntry]> {
    return this.entries.entries();
  }
}
