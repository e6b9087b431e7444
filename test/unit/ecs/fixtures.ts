// Test helper: the shared reference fixtures (shared/reference/fixtures/*.json), read at test
// time, never copied into the repository.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SHARED = path.resolve(__dirname, '../../../../shared');
export const FIXTURE_DIR = path.join(SHARED, 'reference', 'fixtures');

export interface FixtureEvent {
  raw_line: string;
  expected_newest: Record<string, unknown> | null;
  expected_older_differences?: Record<string, unknown>;
  notes?: string[];
}

export interface Fixture {
  file: string;
  description: string;
  events: FixtureEvent[];
}

/** Every fixture file, sorted by name. */
export function loadFixtures(): Fixture[] {
  return fs.readdirSync(FIXTURE_DIR).filter((file) => file.endsWith('.json')).sort()
    .map((file) => ({
      file,
      ...(JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as
        Omit<Fixture, 'file'>),
    }));
}

/**
 * Leaf paths of an expected document, dotted; arrays are leaves. The objects under
 * aws.cloudtrail.flattened are leaves too (compared whole).
 */
export function leafPaths(value: unknown, prefix = '', out = new Map<string, unknown>()):
  Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) &&
    !/^aws\.cloudtrail\.flattened\.[^.]+$/.test(prefix)) {
    for (const [key, child] of Object.entries(value)) {
      leafPaths(child, prefix === '' ? key : `${prefix}.${key}`, out);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

/** Reads a file of the shared corpus. */
export function corpusText(name: string): string {
  return fs.readFileSync(path.join(SHARED, 'corpus', name), 'utf8');
}
