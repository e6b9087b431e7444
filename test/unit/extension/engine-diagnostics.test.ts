// The diagnostics of a real scan: public CloudTrail events from ../shared/corpus, edited into a
// positive case (no public event with includeDeprecated exists; see the corpus README), scanned
// by the engine with Elastic's published rule, then turned into diagnostic data.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineIndex } from '../../../src/core/positions';
import { loadRuleTexts } from '../../../src/core/rules';
import { prepareRules, scanText } from '../../../src/core/scan';
import { buildDiagnostics, type DiagnosticData } from '../../../src/extension/diagnostics';
import { DEFAULT_SEVERITY_MAPPING } from '../../../src/extension/settings';

const shared = path.resolve(__dirname, '../../../../shared');
const readJson = (file: string): unknown =>
  JSON.parse(readFileSync(path.join(shared, file), 'utf8'));

/** A Permiso DescribeImages event with includeDeprecated and a Stratus caller and address. */
function positiveText(): { text: string; ip: string; identity: Record<string, unknown> } {
  const [describe] = readJson('corpus/permiso_describeimages-shapes_subset.json') as
    Record<string, unknown>[];
  const [stratus] = readJson('corpus/stratus_aws.discovery.ec2-download-user-data.json') as
    Record<string, unknown>[];
  const event = {
    ...describe,
    userIdentity: stratus.userIdentity,
    sourceIPAddress: stratus.sourceIPAddress,
    requestParameters: { ...describe.requestParameters as object, includeDeprecated: true },
  };
  return {
    text: JSON.stringify({ Records: [event] }, null, 2),
    ip: stratus.sourceIPAddress as string,
    identity: stratus.userIdentity as Record<string, unknown>,
  };
}

const ruleText = readFileSync(path.join(shared,
  'reference/rules/discovery_ec2_deprecated_ami_discovery.toml'), 'utf8');
const rules = prepareRules(loadRuleTexts([{ text: ruleText, source: 'upstream.toml' }]).rules);

/** Scans a text with Elastic's rule and builds its diagnostics with the default settings. */
function diagnose(text: string): { events: number; diagnostics: DiagnosticData[] } {
  const result = scanText(text, rules);
  const lines = new LineIndex(text);
  const diagnostics = buildDiagnostics({
    documentUri: 'untitled:positive', findings: result.findings, problems: result.problems,
    textLength: text.length, positionAt: (offset) => lines.positionAt(offset),
    settings: { severityMapping: DEFAULT_SEVERITY_MAPPING, maxDiagnosticsPerFile: 1000 },
  });
  return { events: result.events, diagnostics };
}

void describe('diagnostics of a real scan', () => {
  void it('names who called DescribeImages with includeDeprecated, and from which address', () => {
    const { text, ip, identity } = positiveText();

    const { diagnostics } = diagnose(text);

    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics;
    const issuer = (identity.sessionContext as { sessionIssuer: { userName: string } })
      .sessionIssuer.userName;
    const callers = [issuer, identity.arn as string];
    const caller = callers.find((name) => diagnostic.message.includes(`: ${name} called`));
    assert.ok(caller, `no caller from userIdentity in: ${diagnostic.message}`);
    assert.equal(diagnostic.message, `AWS EC2 Deprecated AMI Discovery [low]: ${caller} called ` +
      `DescribeImages with includeDeprecated=true from ${ip}`);
    assert.equal(diagnostic.severity, 'information');
    assert.equal(text.split('\n')[diagnostic.range.start.line]
      .slice(diagnostic.range.start.character, diagnostic.range.end.character),
    '"DescribeImages"');
  });

  void it('relates the diagnostic to the includeDeprecated value in the text', () => {
    const { text } = positiveText();

    const [diagnostic] = diagnose(text).diagnostics;

    const related = diagnostic.relatedInformation.find((r) =>
      r.message.includes('includeDeprecated'));
    assert.ok(related, diagnostic.relatedInformation.map((r) => r.message).join('\n'));
    const line = text.split('\n')[related.range.start.line];
    assert.match(line, /"includeDeprecated": true/);
    assert.equal(line.slice(related.range.start.character, related.range.end.character), 'true');
  });

  void it('reports the unchanged public events as not flagged', () => {
    const text = readFileSync(path.join(shared, 'corpus/permiso_describeimages-shapes_subset.json'),
      'utf8');
    const actual = diagnose(text);

    assert.ok(actual.events > 0);
    assert.deepEqual(actual.diagnostics, []);
  });
});
