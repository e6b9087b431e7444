// Hostile inputs that once made the fast path (src/core/fast) or the CLI's streaming reader
// superlinear: each is held to the plain reference path measured in the same process (a
// ratio, with slack for a busy machine), so that a return of the fault fails the suite.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { StreamScanner } from '../../../src/core/fast';
import { MAX_TEXT_BYTES } from '../../../src/core/source/decode';
import { scratchFolder } from '../cli/run-cli';
import {
  allRules, assertAboutAsFastAsReference, positiveRecord, ROOT, scanBothTimed,
} from './helpers';
import {
  BACKTRACKING_PATTERNS, gzipBomb, loadRule, LONG_VALUES, manyKeyTexts, scanFolder, withQuery,
} from './inputs';

/** Milliseconds StreamScanner takes over a text pushed in 1 MB pieces. */
function streamMs(text: string): number {
  const started = performance.now();
  const scanner = new StreamScanner(allRules());
  for (let at = 0; at < text.length; at += 1 << 20) scanner.push(text.slice(at, at + (1 << 20)));
  scanner.end();
  return performance.now() - started;
}

void describe('the default scan path (src/core/fast)', () => {
  void it('reads an object of 65,536 keys about as fast as the reference path', () => {
    for (const text of manyKeyTexts()) {
      assertAboutAsFastAsReference(text, allRules(), 'many keys');
    }
  });

  void it('prefilters a `*a*a*…*b` query over long values about as fast as evaluating it', () => {
    for (const pattern of BACKTRACKING_PATTERNS) {
      assertAboutAsFastAsReference(LONG_VALUES, loadRule(() => withQuery(pattern)),
        pattern.slice(0, 40));
    }
  });

  void it('streams a record with a 32 MB value about as fast as the reference path', () => {
    const text = JSON.stringify({ Records: [{ ...positiveRecord(),
      userAgent: 'x'.repeat(32_000_000) }] });
    const { reference } = scanBothTimed(text, allRules());
    const ms = streamMs(text);

    assert.ok(ms < 5 * reference + 500, `${Math.round(ms)} ms, reference path `
      + `${Math.round(reference)} ms`);
  });

  void it('streams a list padded with 32 MB of whitespace about as fast as it is located', () => {
    const text = `{"Records":[\n${' '.repeat(32_000_000)}`;
    const { reference } = scanBothTimed(text, allRules());
    const ms = streamMs(text);

    assert.ok(ms < 5 * reference + 500, `${Math.round(ms)} ms, reference path `
      + `${Math.round(reference)} ms`);
  });
});

void describe('the CLI\'s streaming of .gz files (src/cli/stream-scan.ts)', () => {
  void it('reports a .json.gz whose CRC-32 does not match', () => {
    const corrupt = Buffer.from(gzipSync(JSON.stringify({ Records: [positiveRecord()] })));
    corrupt[corrupt.length - 6] ^= 0xff;
    const { status, stderr } = scanFolder({ 'corrupt.json.gz': corrupt });

    assert.equal(status, 2);
    assert.match(stderr, /corrupt\.json\.gz: error: cannot read: .*CRC-32/);
  });

  void it('refuses a gzip bomb with a message, in bounded memory and time', () => {
    const scratch = scratchFolder();
    try {
      const file = path.join(scratch.dir, 'bomb.json.gz');
      const expanded = 16 * 48;
      assert.ok(expanded * 1024 * 1024 > MAX_TEXT_BYTES);
      writeFileSync(file, gzipBomb(16, 48));

      // In a child process, so that its peak memory can be read and its buffers freed.
      const script = 'const { run } = require(process.argv[1]);'
        + 'process.on("exit", () => process.stderr.write(`maxRSS=${process.resourceUsage()'
        + '.maxRSS}\\n`));'
        + 'process.exitCode = run(["scan", process.argv[2]]);';
      const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script,
        path.join(ROOT, 'src/cli/main.ts'), file], { encoding: 'utf8', timeout: 15_000 });

      assert.equal(child.signal, null, 'the CLI was still running after 15 s');
      assert.equal(child.status, 2, child.stderr);
      assert.match(child.stderr, /bomb\.json\.gz: error: cannot read: .*expands to more than/);
      const rssKb = Number(/maxRSS=(\d+)/.exec(child.stderr)?.[1]);
      assert.ok(rssKb < 1.5 * 1024 * 1024, `peak RSS ${rssKb} KB for a ${expanded} MiB bomb`);
    } finally {
      scratch.remove();
    }
  });
});
