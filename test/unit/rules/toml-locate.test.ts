import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { locateTomlKeys, positionAt, stringValueStart } from '../../../src/core/rules';

void describe('locateTomlKeys', () => {
  void it('places tables and keys, ignoring look-alikes inside multi-line strings', () => {
    const text = [
      '[metadata]',                     // 0
      'creation_date = "2024/12/24"',   // 1
      '[rule]',                         // 2
      'setup = """Go to',               // 3
      '[trail name] → Data events',     // 4
      'severity = "fake"',              // 5
      '"""',                            // 6
      "note = '''",                     // 7
      "risk_score = 1'''",              // 8
      '  severity = "low"  # comment',  // 9
      'tags = [',                       // 10
      '  "a = b",',                     // 11
      ']',                              // 12
      '[[rule.threat]]',                // 13
      'framework = "MITRE ATT&CK"',     // 14
    ].join('\n');
    const { tables, keys } = locateTomlKeys(text);

    assert.deepEqual([...tables.keys()], ['metadata', 'rule', 'rule.threat']);
    assert.deepEqual(tables.get('rule.threat'), { line: 13, character: 0 });
    assert.deepEqual([...keys.keys()], ['metadata.creation_date', 'rule.setup', 'rule.note',
      'rule.severity', 'rule.tags', 'rule.threat.framework']);
    assert.deepEqual(keys.get('rule.severity')?.key, { line: 9, character: 2 });
    assert.deepEqual(keys.get('rule.severity')?.value, { line: 9, character: 13 });
  });

  void it('handles escaped quotes in basic strings and quoted keys', () => {
    const text = 'a = "x\\"y = 1"\n"b.c" = 2\nd.e = 3\n';
    const { keys } = locateTomlKeys(text);

    assert.deepEqual([...keys.keys()], ['a', 'b.c', 'd.e']);
    assert.deepEqual(keys.get('d.e')?.key, { line: 2, character: 0 });
  });

  void it('counts CRLF line breaks once', () => {
    const { keys } = locateTomlKeys('[rule]\r\nname = """x\r\ny"""\r\nseverity = "low"\r\n');

    assert.deepEqual(keys.get('rule.severity')?.key, { line: 3, character: 0 });
  });
});

void describe('stringValueStart', () => {
  void it('skips the delimiter and the newline TOML trims after a multi-line opener', () => {
    for (const [text, exact] of [["q = '''\r\nabc'''", true], ['q = """\nabc"""', false],
      ["q = 'abc'", true], ['q = "abc"', false]] as const) {
      const start = stringValueStart(text, locateTomlKeys(text).keys.get('q')!);
      assert.ok(start);
      assert.equal(text.slice(start.offset, start.offset + 3), 'abc');
      assert.equal(start.exact, exact);
    }
  });

  void it('returns nothing for values that are not strings', () => {
    const text = 'q = 42';
    assert.equal(stringValueStart(text, locateTomlKeys(text).keys.get('q')!), undefined);
  });
});

void describe('positionAt', () => {
  void it('counts lines for LF, CRLF and lone CR, and characters in UTF-16 units', () => {
    assert.deepEqual(positionAt('a\nb\r\nc\rd', 7), { line: 3, character: 0 });
    assert.deepEqual(positionAt('x\n😀y', 4), { line: 1, character: 2 });
  });
});
