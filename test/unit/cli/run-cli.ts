// Runs the CLI in this process, with stdout and stderr captured, and makes scratch folders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../../src/cli/main';

export const ROOT = path.resolve(__dirname, '../../..');
export const SAMPLES = path.join(ROOT, 'samples');
export const SHARED = path.resolve(ROOT, '../shared');
export const REFERENCE_RULES = path.join(SHARED, 'reference/rules');
export const FIXTURES = path.join(ROOT, 'test/fixtures/scan');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `cloudtrail-lens ...args` through run(), capturing what it writes. */
export function runCli(args: readonly string[]): CliRun {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out = Object.getOwnPropertyDescriptor(process.stdout, 'write');
  const err = Object.getOwnPropertyDescriptor(process.stderr, 'write');
  const capture = (into: string[]) => (chunk: string | Uint8Array): boolean => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };

  // Own properties shadow the streams' prototype methods until they are restored.
  Object.defineProperty(process.stdout, 'write', { value: capture(stdout), configurable: true,
    writable: true });
  Object.defineProperty(process.stderr, 'write', { value: capture(stderr), configurable: true,
    writable: true });
  let status: number;
  try {
    status = run(args);
  } finally {
    restore(process.stdout, out);
    restore(process.stderr, err);
  }

  return { status, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** Puts back a stream's own `write` property, or removes the stub when there was none. */
function restore(stream: NodeJS.WriteStream, own: PropertyDescriptor | undefined): void {
  if (own) Object.defineProperty(stream, 'write', own);
  else delete (stream as { write?: unknown }).write;
}

/** A fresh scratch folder, removed by the returned function. */
export function scratchFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cloudtrail-lens-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a test body with a fresh scratch folder, removed afterwards whatever happens. */
export function inScratch(body: (dir: string) => void): void {
  const scratch = scratchFolder();
  try {
    body(scratch.dir);
  } finally {
    scratch.remove();
  }
}
