import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { Rule } from '../../../src/core/types';
import { parseGuideTarget } from '../../../src/extension/guide/messages';
import { hoverMarkdown } from '../../../src/extension/hover-markdown';
import { makeFinding } from './finding-fixture';

const URI = 'file:///logs/trail.json';
const markdown = new MarkdownIt({ html: true, linkify: true });

function rule(overrides: Partial<Rule> = {}): Rule {
  return {
    id: '264c641e-c202-11ef-993e-f661ea17fbce', name: 'AWS EC2 Deprecated AMI Discovery',
    type: 'query', language: 'kuery', query: 'event.action: "DescribeImages"', index: [],
    severity: 'low', riskScore: 21, interval: '5m', from: 'now-6m', maxSignals: 100,
    author: ['Elastic'], tags: [], description: '', falsePositives: [], references: [],
    threat: [{
      framework: 'MITRE ATT&CK',
      tactic: { id: 'TA0007', name: 'Discovery',
        reference: 'https://attack.mitre.org/tactics/TA0007/' },
      techniques: [{ id: 'T1580', name: 'Cloud Infrastructure Discovery',
        reference: 'https://attack.mitre.org/techniques/T1580/', subtechniques: [] }],
    }],
    investigationFields: [], source: 'builtin:discovery_ec2_deprecated_ami_discovery.toml',
    builtin: true, support: { supported: true, warnings: [] },
    ...overrides,
  };
}

/** The links of rendered Markdown, as [text, href] pairs. */
function links(text: string): [string, string][] {
  const html = markdown.render(text);
  return [...html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) => [m[2], m[1]]);
}

void describe('hoverMarkdown', () => {
  void it('shows the rule name, severity, risk score and ATT&CK tactic and technique', () => {
    const actual = markdown.render(hoverMarkdown([{ finding: makeFinding(0), findingIndex: 0,
      rule: rule() }], URI));

    assert.ok(actual.includes('<strong>AWS EC2 Deprecated AMI Discovery</strong> — severity ' +
      'low, risk score 21'));
    assert.ok(actual.includes('MITRE ATT&amp;CK tactic: Discovery (TA0007); technique: ' +
      'Cloud Infrastructure Discovery (T1580)'));
  });

  void it('explains the query clause by clause, with the value and where it came from', () => {
    const finding = makeFinding(0);
    finding.explanation.push({ clause: 'event.outcome: "failure"', field: 'event.outcome',
      matched: false, negated: true, value: 'success' });

    const actual = markdown.render(hoverMarkdown([{ finding, findingIndex: 0 }], URI));

    assert.ok(actual.includes('<li>✓ event.action: &quot;DescribeImages&quot; — eventName = ' +
      'DescribeImages</li>'));
    assert.ok(actual.includes('<li>✓ aws.cloudtrail.flattened.request_parameters.' +
      'includeDeprecated: &quot;true&quot; — requestParameters.includeDeprecated = true</li>'));
    assert.ok(actual.includes('<li>✓ not (event.outcome: &quot;failure&quot;) — ' +
      'event.outcome = success</li>'));
  });

  void it('has exactly one link, a command URI that opens the guide for this finding', () => {
    const actual = links(hoverMarkdown([{ finding: makeFinding(1), findingIndex: 7 }], URI));

    assert.equal(actual.length, 1);
    const [text, href] = actual[0];
    assert.equal(text, 'Open investigation guide');
    assert.match(href, /^command:cloudtrailLens\.openGuide\?/);
    const args = JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1))) as unknown[];
    assert.deepEqual(parseGuideTarget(args[0]), {
      ruleId: '264c641e-c202-11ef-993e-f661ea17fbce', documentUri: URI, findingIndex: 7 });
  });

  void it('escapes Markdown in every value taken from the log or the rule', () => {
    const finding = makeFinding(0, {
      ruleName: 'Evil [rule](command:workbench.action.terminal.new)',
      fields: { 'user.name': '<img src=x onerror=alert(1)>', 'source.ip': '**203.0.113.9**',
        'event.action': '[x](https://attacker.example)' },
    });
    finding.explanation[0].value = '![i](https://attacker.example/t.png)';
    const hostileRule = rule({ threat: [{ framework: '[fw](command:x)',
      tactic: { id: 'TA0007', name: '<b>Discovery</b>', reference: '' }, techniques: [] }],
    support: { supported: true, warnings: ['see [here](command:y)'] } });

    const text = hoverMarkdown([{ finding, findingIndex: 0, rule: hostileRule }], URI);
    const html = markdown.render(text);

    const allowed = ['a', 'br', 'hr', 'li', 'p', 'strong', 'ul'];
    const tags = [...html.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]);
    assert.deepEqual(tags.filter((tag) => !allowed.includes(tag)), []);
    assert.equal(links(text).length, 1);
    assert.equal(html.match(/<strong>/g)?.length, 1);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('Evil [rule](command:workbench.action.terminal.new)'));
  });

  void it('shows bidi controls, zero-width characters and controls from log and rule as escapes',
    () => {
      const finding = makeFinding(0, {
        ruleName: 'Rule\u202e\u2066',
        fields: { 'user.name': 'alice\u202egnp.exe', 'source.ip': '203.0.113.9\u200b\u2069',
          'event.action': 'Describe\u200dImages\u001b[31m' },
      });
      finding.explanation[0].value = 'v\u2067\ufeff\ud800';
      const hostileRule = rule({ threat: [{ framework: 'MITRE\u200f',
        tactic: { id: 'TA0007', name: 'Disc\u061covery', reference: '' }, techniques: [] }],
      support: { supported: true, warnings: ['caveat\u202d\u0000'] } });

      const text = hoverMarkdown([{ finding, findingIndex: 0, rule: hostileRule }], URI);
      const html = markdown.render(text);

      assert.doesNotMatch(text.replace(/\n/g, ' '), /[\p{Cc}\p{Cf}\p{Cs}]/u);
      assert.ok(html.includes('alice\\u{202e}gnp.exe called Describe\\u{200d}Images\\u{1b}[31m'),
        html);
      assert.ok(html.includes('<strong>Rule\\u{202e}\\u{2066}</strong>'), html);
      assert.ok(html.includes('Disc\\u{61c}overy'), html);
      assert.ok(html.includes('caveat\\u{202d}\\u{0}'), html);
      assert.ok(html.includes('eventName = v\\u{2067}\\u{feff}\\u{d800}'), html);
    });

  void it('separates the rules that flag one event', () => {
    const other = makeFinding(0, { ruleId: 'other', ruleName: 'Other Rule', severity: 'high' });

    const actual = hoverMarkdown([{ finding: other, findingIndex: 1 },
      { finding: makeFinding(0), findingIndex: 0 }], URI);

    assert.equal(actual.split('\n\n---\n\n').length, 2);
    assert.equal(links(actual).length, 2);
    assert.ok(actual.indexOf('Other Rule') < actual.indexOf('Deprecated AMI'));
  });

  void it('lists the caveats of a supported rule', () => {
    const actual = markdown.render(hoverMarkdown([{ finding: makeFinding(0), findingIndex: 0,
      rule: rule({ support: { supported: true, warnings: ['depends on enrichment'] } }) }], URI));

    assert.match(actual, /Caveats:<\/p>\n<ul>\n<li>depends on enrichment<\/li>/);
  });
});
