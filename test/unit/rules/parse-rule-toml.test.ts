import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRuleToml, RULE_DEFAULTS } from '../../../src/core/rules';

const REQUIRED: Record<string, string> = {
  rule_id: '"00000000-0000-4000-8000-000000000001"',
  name: '"Synthetic rule"',
  type: '"query"',
  severity: '"medium"',
  risk_score: '47',
  description: '"A rule made up for a test."',
};

/** A rule file with the required keys, some replaced or removed, and extra lines appended. */
function ruleText(options: { set?: Record<string, string>; drop?: string[]; extra?: string } = {})
  : string {
  const keys = { ...REQUIRED, query: '\'\'\'\nevent.action: "DescribeImages"\n\'\'\'',
    ...options.set };
  const lines = ['[metadata]', 'creation_date = "2025/01/02"', '', '[rule]'];
  for (const [key, value] of Object.entries(keys)) {
    if (!options.drop?.includes(key)) lines.push(`${key} = ${value}`);
  }
  return `${lines.join('\n')}\n${options.extra ?? ''}`;
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.startsWith(needle));
}

void describe('parseRuleToml', () => {
  void it('fills Kibana\'s defaults when a rule leaves the optional keys out', () => {
    const { rule, problems } = parseRuleToml(ruleText(), 'a.toml');

    assert.deepEqual(problems, []);
    assert.ok(rule);
    assert.equal(rule.interval, '5m');
    assert.equal(rule.from, 'now-6m');
    assert.equal(rule.maxSignals, 100);
    assert.deepEqual(RULE_DEFAULTS, { interval: '5m', from: 'now-6m', maxSignals: 100 });
    assert.deepEqual([rule.index, rule.author, rule.tags, rule.falsePositives, rule.references,
      rule.threat, rule.investigationFields], [[], [], [], [], [], [], []]);
    assert.equal(rule.version, undefined);
    assert.equal(rule.language, undefined);
    assert.equal(rule.creationDate, '2025/01/02');
    assert.equal(rule.builtin, false);
    assert.equal(rule.support.supported, true, 'a query rule without a language is KQL');
  });

  void it('marks a rule as built-in when asked', () => {
    assert.equal(parseRuleToml(ruleText(), 'builtin:a.toml', true).rule?.builtin, true);
  });

  for (const key of Object.keys(REQUIRED)) {
    void it(`reports a missing "${key}" at the [rule] header and yields no rule`, () => {
      const text = ruleText({ drop: [key] });
      const { rule, problems } = parseRuleToml(text, 'a.toml');

      assert.equal(rule, undefined);
      assert.deepEqual(problems, [{
        source: 'a.toml',
        message: `missing required key "${key}" in [rule]`,
        line: lineOf(text, '[rule]'),
        character: 0,
      }]);
    });
  }

  void it('reports every missing required key at once', () => {
    const text = '[rule]\nquery = "x: 1"\n';
    const { rule, problems } = parseRuleToml(text, 'a.toml');

    assert.equal(rule, undefined);
    assert.deepEqual(problems.map((problem) => problem.message.match(/"(\w+)"/)?.[1]),
      Object.keys(REQUIRED));
  });

  void it('reports a file without a [rule] table', () => {
    const { rule, problems } = parseRuleToml('[metadata]\nmaturity = "production"\n', 'a.toml');

    assert.equal(rule, undefined);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /no \[rule\] table/);
  });

  for (const value of ['"urgent"', '"High"', '3']) {
    void it(`rejects severity ${value} on the severity line`, () => {
      const text = ruleText({ set: { severity: value } });
      const { rule, problems } = parseRuleToml(text, 'a.toml');

      assert.equal(rule, undefined);
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /"rule\.severity" must be/);
      assert.equal(problems[0].line, lineOf(text, 'severity'));
      assert.equal(problems[0].character, 0);
    });
  }

  for (const value of ['150', '-1', '21.5', '"21"']) {
    void it(`rejects risk_score ${value} as not an integer from 0 to 100`, () => {
      const text = ruleText({ set: { risk_score: value } });
      const { rule, problems } = parseRuleToml(text, 'a.toml');

      assert.equal(rule, undefined);
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /"rule\.risk_score" must be an integer from 0 to 100/);
      assert.equal(problems[0].line, lineOf(text, 'risk_score'));
    });
  }

  void it('accepts the risk_score bounds 0 and 100', () => {
    for (const value of ['0', '100']) {
      const text = ruleText({ set: { risk_score: value } });
      assert.equal(parseRuleToml(text, 'a.toml').rule?.riskScore, Number(value));
    }
  });

  void it('reports broken TOML with a zero-based line and character', () => {
    const text = '[rule]\nname = "x"\nseverity = = "low"\n';
    const { rule, problems } = parseRuleToml(text, 'broken.toml');

    assert.equal(rule, undefined);
    assert.deepEqual(problems, [{
      source: 'broken.toml',
      message: 'invalid TOML: invalid value',
      line: 2,
      character: 'severity = = "low"'.lastIndexOf('='),
    }]);
  });

  void it('reports a key defined twice as a TOML error on the second definition', () => {
    const text = ruleText({ extra: 'name = "again"\n' });
    const { problems } = parseRuleToml(text, 'a.toml');

    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^invalid TOML: .*redefine/);
    assert.equal(problems[0].line, text.split('\n').lastIndexOf('name = "again"'));
    assert.equal(problems[0].character, 0);
  });

  void it('reads a file that starts with a byte-order mark and keeps TOML positions right', () => {
    assert.ok(parseRuleToml(`\uFEFF${ruleText()}`, 'a.toml').rule);

    const { problems } = parseRuleToml('\uFEFFa = = 1\n', 'a.toml');
    assert.equal(problems[0].line, 0);
    assert.equal(problems[0].character, '\uFEFFa = = 1'.lastIndexOf('='));
  });

  void it('reads CRLF line endings and places problems on the right line', () => {
    const text = ruleText({ set: { severity: '"urgent"' } }).replace(/\n/g, '\r\n');
    const { problems } = parseRuleToml(text, 'a.toml');

    assert.equal(problems[0].line, text.split('\r\n').findIndex((l) => l.startsWith('severity')));
  });

  void it('takes the version from [rule] or [metadata]', () => {
    assert.equal(parseRuleToml(ruleText({ set: { version: '3' } }), 'a.toml').rule?.version, 3);
    const inMetadata = ruleText().replace('[metadata]\n', '[metadata]\nversion = 4\n');
    assert.equal(parseRuleToml(inMetadata, 'a.toml').rule?.version, 4);
  });

  void it('reports versions that disagree and keeps the one in [rule]', () => {
    const text = ruleText({ set: { version: '3' } })
      .replace('[metadata]\n', '[metadata]\nversion = 4\n');
    const { rule, problems } = parseRuleToml(text, 'a.toml');

    assert.equal(rule?.version, 3);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /differ; using 3/);
  });

  void it('reports a bad optional value on its line and loads the rule with the default', () => {
    const text = ruleText({ set: { max_signals: '0', note: '42', index: '"logs-*"' } });
    const { rule, problems } = parseRuleToml(text, 'a.toml');

    assert.ok(rule);
    assert.equal(rule.maxSignals, 100);
    assert.equal(rule.note, undefined);
    assert.deepEqual(rule.index, []);
    assert.deepEqual(problems.map((problem) => [problem.line, problem.message]), [
      [lineOf(text, 'index'), '"rule.index" must be a list of strings, found "logs-*"'],
      [lineOf(text, 'max_signals'), '"rule.max_signals" must be an integer of at least 1, found 0'],
      [lineOf(text, 'note'), '"rule.note" must be a string, found 42'],
    ]);
  });

  void it('reads every optional key of the format', () => {
    const text = ruleText({
      set: {
        language: '"kuery"', index: '["logs-aws.cloudtrail-*"]', interval: '"10m"',
        from: '"now-11m"',
        max_signals: '7', author: '["Elastic", "Someone"]', license: '"Elastic License v2"',
        tags: '["Tactic: Discovery"]', note: '"## Guide"', setup: '"Enable data events."',
        false_positives: '["  padded  "]', references: '["https://example.com/"]',
        timestamp_override: '"event.ingested"',
      },
      extra: '[rule.investigation_fields]\nfield_names = ["source.ip", "event.action"]\n',
    }).replace('[metadata]\n', '[metadata]\nupdated_date = "2025/02/03"\n');
    const { rule, problems } = parseRuleToml(text, 'a.toml');

    assert.deepEqual(problems, []);
    assert.ok(rule);
    assert.deepEqual(
      [rule.language, rule.index, rule.interval, rule.from, rule.maxSignals, rule.author,
        rule.license, rule.tags, rule.note, rule.setup, rule.falsePositives, rule.references,
        rule.timestampOverride, rule.updatedDate, rule.investigationFields],
      ['kuery', ['logs-aws.cloudtrail-*'], '10m', 'now-11m', 7, ['Elastic', 'Someone'],
        'Elastic License v2', ['Tactic: Discovery'], '## Guide', 'Enable data events.', ['padded'],
        ['https://example.com/'], 'event.ingested', '2025/02/03', ['source.ip', 'event.action']]);
  });

  void it('reads techniques written before their tactic, with sub-techniques', () => {
    const text = ruleText({ extra: [
      '[[rule.threat]]', 'framework = "MITRE ATT&CK"',
      '[[rule.threat.technique]]', 'id = "T1552"', 'name = "Unsecured Credentials"',
      'reference = "https://attack.mitre.org/techniques/T1552/"',
      '[[rule.threat.technique.subtechnique]]', 'id = "T1552.001"', 'name = "Credentials In Files"',
      'reference = "https://attack.mitre.org/techniques/T1552/001/"',
      '[rule.threat.tactic]', 'id = "TA0006"', 'name = "Credential Access"',
      'reference = "https://attack.mitre.org/tactics/TA0006/"',
      '[[rule.threat]]', 'framework = "MITRE ATT&CK"',
      '[rule.threat.tactic]', 'id = "TA0007"', 'name = "Discovery"',
      'reference = "https://attack.mitre.org/tactics/TA0007/"', '',
    ].join('\n') });
    const { rule, problems } = parseRuleToml(text, 'a.toml');

    assert.deepEqual(problems, []);
    assert.deepEqual(rule?.threat, [
      {
        framework: 'MITRE ATT&CK',
        tactic: { id: 'TA0006', name: 'Credential Access',
          reference: 'https://attack.mitre.org/tactics/TA0006/' },
        techniques: [{
          id: 'T1552', name: 'Unsecured Credentials',
          reference: 'https://attack.mitre.org/techniques/T1552/',
          subtechniques: [{ id: 'T1552.001', name: 'Credentials In Files',
            reference: 'https://attack.mitre.org/techniques/T1552/001/' }],
        }],
      },
      {
        framework: 'MITRE ATT&CK',
        tactic: { id: 'TA0007', name: 'Discovery',
          reference: 'https://attack.mitre.org/tactics/TA0007/' },
        techniques: [],
      },
    ]);
  });

  void it('ignores a threat entry without a tactic and says so at its header', () => {
    const text = ruleText({ extra: '[[rule.threat]]\nframework = "MITRE ATT&CK"\n' });
    const { rule, problems } = parseRuleToml(text, 'a.toml');

    assert.deepEqual(rule?.threat, []);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /needs "framework" and a complete \[rule\.threat\.tactic\]/);
    assert.equal(problems[0].line, lineOf(text, '[[rule.threat]]'));
  });

  void it('warns about Kibana filters and exception lists the file refers to', () => {
    const text = ruleText({ set: {
      filters: '[{ query = { match_phrase = { "event.outcome" = "success" } } }]',
      exceptions_list:
        '[{ id = "x", list_id = "y", namespace_type = "single", type = "detection" }]',
    } });
    const warnings = parseRuleToml(text, 'a.toml').rule?.support.warnings ?? [];

    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /1 Kibana filter\(s\)/);
    assert.match(warnings[1], /exception lists/);
  });
});

void describe('TOML string styles in rule files', () => {
  const KQL = String.raw`user.name:(system\:serviceaccount\:*)`;

  function queryOf(value: string): string | undefined {
    const { rule, problems } = parseRuleToml(ruleText({ set: { query: value } }), 'a.toml');
    assert.deepEqual(problems, []);
    return rule?.query;
  }

  void it('keeps backslashes as written in a multi-line literal string', () => {
    assert.equal(queryOf(`'''\n${KQL}\n'''`), `${KQL}\n`);
  });

  void it('keeps backslashes as written in a one-line literal string', () => {
    assert.equal(queryOf(`'${KQL}'`), KQL);
  });

  void it('processes escapes in a multi-line basic string: KQL backslashes are doubled', () => {
    assert.equal(queryOf(`"""\n${KQL.replace(/\\/g, '\\\\')}\n"""`), `${KQL}\n`);
  });

  void it('processes \\n and \\u escapes and line-ending backslashes in basic strings', () => {
    assert.equal(queryOf('"a\\nb\\u00e9"'), 'a\nbé');
    assert.equal(queryOf('"""\nevent.action: x \\\n    and y: z"""'), 'event.action: x and y: z');
  });

  void it('reports an undoubled KQL escape in a basic string as a TOML error there', () => {
    const text = ruleText({ set: { query: `"""${KQL}"""` } });
    const { rule, problems } = parseRuleToml(text, 'a.toml');
    const line = text.split('\n')[problems[0].line ?? -1];

    assert.equal(rule, undefined);
    assert.match(problems[0].message, /^invalid TOML: .*escape/);
    assert.ok(line.startsWith('query = """'));
    const backslash = line.indexOf('\\');
    assert.ok(problems[0].character === backslash || problems[0].character === backslash + 1);
  });
});
