import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifySupport, isKeyedFlattened, loadRuleTexts } from '../../../src/core/rules';

function ruleOfType(type: string, language: string | undefined, query: string | undefined,
  extra = ''): string {
  return [
    '[rule]',
    `rule_id = "id-${type}"`,
    `name = "A ${type} rule"`,
    `type = "${type}"`,
    ...(language === undefined ? [] : [`language = "${language}"`]),
    ...(query === undefined ? [] : [`query = '''${query}'''`]),
    'severity = "low"',
    'risk_score = 21',
    'description = "made up"',
    extra,
  ].join('\n');
}

void describe('classifySupport', () => {
  void it('supports query rules in KQL, with or without an explicit language', () => {
    const query = 'event.action: x';
    assert.deepEqual(classifySupport({ type: 'query', language: 'kuery', query }),
      { supported: true, warnings: [] });
    assert.equal(classifySupport({ type: 'query', language: undefined, query }).supported, true);
  });

  void it('lists the unsupported rule types from rule files, each with its own reason', () => {
    const texts = [
      ruleOfType('eql', 'eql', 'sequence by user.id [any where true] [any where true]'),
      ruleOfType('esql', 'esql', 'from logs-aws.cloudtrail-* | stats count(*) by user.name'),
      ruleOfType('threshold', 'kuery', 'event.action: "GetObject"',
        '[rule.threshold]\nfield = ["user.id"]\nvalue = 20'),
      ruleOfType('new_terms', 'kuery', 'event.action: "CreateKeyPair"',
        '[rule.new_terms]\nfield = "new_terms_fields"\nvalue = ["user.id"]'),
      ruleOfType('machine_learning', undefined, undefined,
        'anomaly_threshold = 75\nmachine_learning_job_id = "rare_method"'),
      ruleOfType('threat_match', 'kuery', 'source.ip: *'),
    ];
    const inputs = texts.map((text, i) => ({ text, source: `${i}.toml` }));
    const { rules, problems } = loadRuleTexts(inputs);

    assert.deepEqual(problems, []);
    const reasons = rules.map((rule) => [rule.type, rule.support.supported, rule.support.reason]);
    assert.equal(reasons.length, 6);
    for (const [type, supported, reason] of reasons) {
      assert.equal(supported, false, `${String(type)} is unsupported`);
      assert.equal(typeof reason, 'string');
    }
    assert.match(String(reasons[0][2]), /Event Query Language/);
    assert.match(String(reasons[1][2]), /ES\|QL/);
    assert.match(String(reasons[2][2]), /count matching events per group/);
    assert.equal(reasons[3][2], 'new_terms rules need the history of earlier events '
      + '(history_window_start); one file cannot reproduce that');
    assert.match(String(reasons[4][2]), /anomaly-detection job/);
    assert.match(String(reasons[5][2]), /indicator index/);
    assert.equal(new Set(reasons.map((reason) => reason[2])).size, 6, 'every reason differs');
  });

  void it('refuses Lucene and other languages on query rules', () => {
    const lucene = classifySupport({ type: 'query', language: 'lucene', query: 'a:1' });
    assert.equal(lucene.supported, false);
    assert.match(lucene.reason ?? '', /Lucene/);

    const other = classifySupport({ type: 'query', language: 'sql', query: 'a' });
    assert.match(other.reason ?? '', /unknown query language "sql"/);
  });

  void it('refuses unknown rule types, even ones named like Object properties', () => {
    for (const type of ['graph', 'constructor', 'toString']) {
      const support = classifySupport({ type, language: 'kuery', query: 'event.action: x' });
      assert.equal(support.supported, false);
      assert.match(support.reason ?? '', new RegExp(`unknown rule type "${type}"`));
    }
  });

  void it('refuses a query rule without query text', () => {
    for (const query of [undefined, '', '  \n ']) {
      const support = classifySupport({ type: 'query', language: 'kuery', query });
      assert.equal(support.supported, false);
      assert.match(support.reason ?? '', /no query text/);
    }
  });

  void it('supports saved_query rules only when the file carries the query, with a caveat', () => {
    const withQuery = classifySupport({ type: 'saved_query', language: 'kuery',
      query: 'event.action: x' });
    assert.equal(withQuery.supported, true);
    assert.match(withQuery.warnings[0], /saved_id/);

    const without = classifySupport({ type: 'saved_query', language: 'kuery', query: undefined });
    assert.equal(without.supported, false);
    assert.match(without.reason ?? '', /saved_query rule without a query/);
  });

  void it('warns once per field that needs GeoIP or user-agent enrichment', () => {
    const support = classifySupport({
      type: 'query', language: 'kuery', query: 'event.action: "AssumeRoleWithWebIdentity" and not '
        + 'source.as.organization.name: ("Amazon.com, Inc." or "Google LLC") and '
        + 'source.geo.country_iso_code: US and user_agent.name: "aws-cli" and user_agent.os.name: '
        + 'Linux and user_agent.device.name: Spider and user_agent.version: 2 and '
        + 'source.as.organization.name: x and user_agent.original: "aws-cli/2"',
    });

    assert.equal(support.supported, true);
    assert.deepEqual(support.warnings.map((warning) => warning.split(':')[0]), [
      'source.as.organization.name', 'source.geo.country_iso_code', 'user_agent.name',
      'user_agent.os.name', 'user_agent.device.name', 'user_agent.version',
    ]);
    assert.match(support.warnings[0], /depends on GeoIP\/user-agent enrichment CloudTrail Lens cannot perform; clauses on it never match/);
  });

  void it('takes the field list from the caller when one is given', () => {
    const support = classifySupport({ type: 'query', language: 'kuery', query: 'event.action: x' },
      ['source.geo.city_name']);

    assert.equal(support.warnings.length, 1);
    assert.match(support.warnings[0], /^source\.geo\.city_name: depends on/);
  });

  void it('warns about wildcards on keyed flattened fields, not on roots or keywords', () => {
    const keyed = classifySupport({ type: 'query', language: 'kuery',
      query: 'aws.cloudtrail.flattened.request_parameters.key: (*/.aws/credentials or *.pem)' });
    assert.equal(keyed.warnings.length, 1);
    assert.match(keyed.warnings[0], /keyed flattened field/);

    for (const query of [
      'aws.cloudtrail.flattened.request_parameters: *self*',
      'aws.cloudtrail.flattened.request_parameters.ownersSet.items.owner: *',
      'aws.cloudtrail.flattened.request_parameters.key: "*.pem"',
      'aws.cloudtrail.request_parameters: *owner=*',
    ]) {
      assert.deepEqual(classifySupport({ type: 'query', language: 'kuery', query }).warnings, [],
        query);
    }
  });

  void it('tells keyed flattened paths from the flattened roots', () => {
    assert.equal(isKeyedFlattened('aws.cloudtrail.flattened.request_parameters.key'), true);
    assert.equal(isKeyedFlattened('aws.cloudtrail.flattened.request_parameters'), false);
    assert.equal(isKeyedFlattened('aws.cloudtrail.request_parameters'), false);
  });
});
