// The JSON and SARIF texts (CLI output, extension exports) on hostile values: every character
// that visibleText would not show as itself (DEL, C1 controls with CSI, bidi controls,
// zero-width characters, U+2028 and U+2029, tags) is written as a \uXXXX escape, and the
// parsed values stay exactly the log's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { version } from '../../../package.json';
import fc from 'fast-check';
import { formatReport } from '../../../src/cli/formats';
import { visibleText } from '../../../src/core/display-text';
import { escapeHiddenInJson, toJsonReport, toSarif } from '../../../src/core/export';
import type { ScanReport } from '../../../src/core/report';
import { findingOf, realFields, referenceRule } from './export-fixture';
import { sarifValidator } from '../cli/sarif-schema';

/** What JSON text must not hold raw anywhere (its line feeds aside). */
const NEVER_RAW = /[\p{Cc}\p{Cs}\u061c\u200b\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/u;
const PAYLOAD = '\u202eevil a\u200bb \u001b[31mred\u009b2J\u007f\u0085 line\u2028sep\u2029 '
  + 'tag\u{e0041} \ufeff😀 👩🏽‍💻 🏳️‍🌈 \\u{1b} \\u202e "q"';

/** Any code point or lone surrogate, with the dangerous ones and emoji parts often. */
const anyCharacter = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
  fc.constantFrom('\u001b', '\\', '"', 'u', '{', '\u009b', '\u202e', '\u2066', '\u200b',
    '\u200d', '\ufe0f', '\u{1f3f4}', '\u{e0067}', '\u{e007f}', '\u{1f469}', '\u2028', '\n',
    '\u007f', '\ud800', '\udc00'),
);

/** A scan report whose every string holds the payload. */
function hostileReport(): ScanReport {
  const rule = referenceRule('discovery_ec2_deprecated_ami_discovery.toml');
  const hostileRule = { ...rule, name: `Rule ${PAYLOAD}`, description: `About ${PAYLOAD}` };
  const fields = { ...realFields(), 'user.name': PAYLOAD, 'user_agent.original': `ua ${PAYLOAD}` };
  const path = `logs/${PAYLOAD}.json`;
  return {
    files: [{ path, layout: 'records', events: 2,
      errors: [{ message: `bad ${PAYLOAD}`, line: 3, character: 1, severity: 'error' }] }],
    findings: [findingOf(hostileRule, path, 1, 2, fields)],
    suppressed: [findingOf(hostileRule, path, 2, 2, fields, {
      suppressedBy: { id: `exc ${PAYLOAD}`, comment: `why ${PAYLOAD}` } })],
    rules: [hostileRule, { ...hostileRule, id: 'r-2', type: 'eql',
      support: { supported: false, reason: `EQL ${PAYLOAD}`, warnings: [] } }],
  };
}

void describe('escapeHiddenInJson', () => {
  void it('writes hidden characters as JSON escapes, keeping emoji, quotes and backslashes', () => {
    const json = JSON.stringify({ [`k\u202e`]: PAYLOAD });

    const actual = escapeHiddenInJson(json);

    assert.equal(actual, '{"k\\u202e":"\\u202eevil a\\u200bb \\u001b[31mred\\u009b2J\\u007f'
      + '\\u0085 line\\u2028sep\\u2029 tag\\udb40\\udc41 \\ufeff😀 👩🏽‍💻 🏳️‍🌈 \\\\u{1b} '
      + '\\\\u202e \\"q\\""}');
    assert.deepEqual(JSON.parse(actual), JSON.parse(json));
  });

  void it('leaves text without hidden characters as JSON.stringify wrote it', () => {
    const json = JSON.stringify({ a: 'Zürich 東京 \u05e9\u05dc\u05d5\u05dd 👍🏽', b: [1, '\\'] },
      null, 2);

    assert.equal(escapeHiddenInJson(json), json);
  });

  void it('keeps every parsed value and leaves nothing hidden raw, for any strings', () => {
    const text = fc.string({ unit: anyCharacter, maxLength: 30 });
    const value = fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 })),
      { maxKeys: 4 });

    fc.assert(fc.property(value, (object) => {
      const json = JSON.stringify(object, null, 2);

      const actual = escapeHiddenInJson(json);

      assert.deepEqual(JSON.parse(actual), JSON.parse(json));
      assert.doesNotMatch(actual.replaceAll('\n', ''), NEVER_RAW);
      assert.equal(visibleText(actual.replaceAll('\n', ' ')), actual.replaceAll('\n', ' '));
    }), { numRuns: 3000 });
  });
});

void describe('formatReport json and sarif on hostile text', () => {
  void it('escapes every hidden character of the JSON report, the values unchanged', () => {
    const report = hostileReport();

    const actual = formatReport(report, 'json');

    const unescaped = JSON.stringify(toJsonReport(report), null, 2) + '\n';
    assert.ok(NEVER_RAW.test(unescaped.replaceAll('\n', '')), 'the payload reaches the report');
    assert.deepEqual(JSON.parse(actual), JSON.parse(unescaped));
    assert.doesNotMatch(actual.replaceAll('\n', ''), NEVER_RAW);
    assert.ok(actual.includes('👩🏽‍💻'), 'an emoji sequence stays as it is');
  });

  void it('escapes every hidden character of the SARIF log, which still meets the schema', () => {
    const report = hostileReport();

    const actual = formatReport(report, 'sarif');

    const sourceRoot = pathToFileURL(process.cwd()).href;
    const sarif = toSarif(report, { toolVersion: version, sourceRoot });
    const unescaped = JSON.stringify(sarif, null, 2) + '\n';
    assert.deepEqual(JSON.parse(actual), JSON.parse(unescaped));
    assert.doesNotMatch(actual.replaceAll('\n', ''), NEVER_RAW);
    assert.deepEqual(sarifValidator()(JSON.parse(actual)), []);
  });
});
