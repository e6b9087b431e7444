// What the CLI writes to stderr besides the report: warning and error lines, the progress line
// on a terminal, and the --exceptions file's problems. File names, ids and messages are
// third-party text; a terminal must get them with every control, bidi and invisible character
// escaped, and a cut file name must not leave half a surrogate pair.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadExceptionsFile } from '../../../src/cli/exceptions-file';
import { Progress, shownName, visibleOutput, warn } from '../../../src/cli/progress';
import { InputError } from '../../../src/cli/walk';
import { scratchFolder } from './run-cli';

/** What a terminal must never receive raw, line feeds and the progress line's ESC [ K aside. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const PAYLOAD = '\u202eevil a\u200bb \u001b[31mred\u009b2J';
const SHOWN = '\\u{202e}evil a\\u{200b}b \\u{1b}[31mred\\u{9b}2J';

/** A stream that records what is written, a terminal or not. */
function recorder(isTTY: boolean): { isTTY: boolean; text: string; write(t: string): boolean } {
  return {
    isTTY,
    text: '',
    write(t: string) {
      this.text += t;
      return true;
    },
  };
}

/** The text without the progress line's own control sequences. */
function withoutOwnControls(text: string): string {
  return text.replaceAll('\r\u001b[K', '').replaceAll('\n', '');
}

void describe('warn and visibleOutput', () => {
  void it('writes one line with its hidden characters escaped, a newline in it included', () => {
    const stream = recorder(false);

    warn(`/logs/${PAYLOAD}\nforged: error: x`, stream);

    assert.equal(stream.text, `/logs/${SHOWN}\\u{a}forged: error: x\n`);
  });

  void it('keeps the lines of commander output and escapes what is inside them', () => {
    assert.equal(visibleOutput(`error: unknown option '--${PAYLOAD}'\nusage\n`),
      `error: unknown option '--${SHOWN}'\nusage\n`);
  });
});

void describe('Progress', () => {
  void it('shows the file name with its hidden characters escaped on a terminal', () => {
    const stream = recorder(true);
    const progress = new Progress(2, stream);

    progress.start(`/logs/${PAYLOAD}.json`);

    assert.ok(stream.text.startsWith('\r\u001b[K[1/2]'), stream.text);
    assert.ok(stream.text.endsWith(` /logs/${SHOWN}.json`), stream.text);
    assert.doesNotMatch(withoutOwnControls(stream.text), HIDDEN);
  });

  void it('writes nothing but warnings when stderr is not a terminal', () => {
    const stream = recorder(false);
    const progress = new Progress(2, stream);

    progress.start('/logs/a.json');
    progress.warn(`/logs/${PAYLOAD}: error: cannot read`);
    progress.finish();

    assert.equal(stream.text, `/logs/${SHOWN}: error: cannot read\n`);
  });

  void it('clears the progress line before a warning, so that the two do not mix', () => {
    const stream = recorder(true);
    const progress = new Progress(1, stream);

    progress.start('/logs/a.json');
    stream.text = '';
    progress.warn('/logs/a.json: error: cannot read');

    assert.equal(stream.text, '\r\u001b[K/logs/a.json: error: cannot read\n');
  });
});

void describe('shownName', () => {
  void it('keeps a short name whole and the end of a long one, with an ellipsis', () => {
    assert.equal(shownName('/logs/a.json'), '/logs/a.json');

    const long = `/${'d'.repeat(80)}/trail.json`;
    const actual = shownName(long);

    assert.equal(actual, `\u2026${long.slice(-59)}`);
  });

  void it('never starts the end of a long name inside an emoji or an escape', () => {
    for (let pad = 0; pad < 12; pad++) {
      const name = `/${'d'.repeat(70)}/${'x'.repeat(pad)}${'😀'.repeat(8)}\u200b${'😀'.repeat(8)}`
        + '.json';

      const actual = shownName(name);

      assert.doesNotMatch(actual, /\p{Cs}/u, `${pad}: ${actual}`);
      assert.match(actual, /^\u2026(?:[^\\]|\\u\{200b\})*$/u, `${pad}: ${actual}`);
      assert.ok(actual.length <= 60, `${pad}: ${actual}`);
      assert.ok(actual.endsWith('😀.json'), `${pad}: ${actual}`);
    }
  });
});

void describe('loadExceptionsFile', () => {
  void it('writes problems and expired items with hidden characters escaped', () => {
    const scratch = scratchFolder();
    try {
      const file = path.join(scratch.dir, `exc${PAYLOAD}.json`);
      const item = { comment: 'c', author: 'a', created: '2020-01-01', expires: '2020-02-01' };
      writeFileSync(file, JSON.stringify({ version: 1, exceptions: { [`rule${PAYLOAD}`]: [
        { ...item, id: 'bad', entries: [{ field: 'user.name', operator: `is${PAYLOAD}`,
          value: 'x' }] },
        { ...item, id: `exc${PAYLOAD}`, entries: [{ field: 'user.name', operator: 'is',
          value: 'x' }] }] } }));
      const stream = recorder(false);

      loadExceptionsFile(file, new Date('2026-01-01T00:00:00Z'), stream);

      const lines = stream.text.split('\n');
      const shownFile = path.join(scratch.dir, `exc${SHOWN}.json`);
      // the message quotes the operator as JSON, which escapes the ESC itself
      assert.ok(lines[0].startsWith(`${shownFile}:1:`), lines[0]);
      assert.ok(lines[0].includes(': error: Unknown operator "is\\u{202e}evil a\\u{200b}b '),
        lines[0]);
      assert.ok(lines.includes(`${shownFile}: warning: exception exc${SHOWN} for rule `
        + `rule${SHOWN} expired on 2020-02-01 and no longer suppresses anything`), stream.text);
      assert.doesNotMatch(stream.text.replaceAll('\n', ''), HIDDEN);
    } finally {
      scratch.remove();
    }
  });

  void it('names an unreadable file with its hidden characters escaped in the error', () => {
    const missing = `/no/such/${PAYLOAD}.json`;

    assert.throws(() => loadExceptionsFile(missing), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.ok(error.message.startsWith(`/no/such/${SHOWN}.json: cannot read exceptions: `),
        error.message);
      assert.doesNotMatch(error.message, HIDDEN);
      return true;
    });
  });
});
