// Every file of the shared corpus through the whole engine (decode, locate, map, evaluate) with
// the built-in rule and the eighteen reference rules: layouts and counts as corpus/README.md
// gives them, no crash, no finding of the DescribeImages rule (no public positive exists), and
// problems only where the corpus has damage.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRuleTexts } from '../../../src/core/rules';
import { prepareRules, type LoadedRule } from '../../../src/core/scan';
import type { LayoutKind } from '../../../src/core/types';
import {
  AMI_RULE_ID, builtinRules, corpusFiles, corpusText, currentRule, FIXTURES, positionOf,
  referenceRules, scan,
} from './helpers';

/** Layout, events and DescribeImages events per file, from the corpus README's table. */
type Expected = { layout: LayoutKind; events: number; describeImages: number };

const EXPECTED: { [file: string]: Expected } = {
  'trailscraper_111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json.gz':
    { layout: 'records', events: 2, describeImages: 0 },
  'trailscraper_events-for-smoke-test.json': { layout: 'records', events: 3, describeImages: 0 },
  'awsdocs_log-file-examples_ec2-StartInstances.json':
    { layout: 'records', events: 1, describeImages: 0 },
  'awsdocs_log-file-examples_errorcode-UpdateTrail.json':
    { layout: 'records', events: 1, describeImages: 0 },
  'awsdocs_log-file-examples_insights.json': { layout: 'records', events: 2, describeImages: 0 },
  // the one intended event is damaged, so it is a problem and not an event
  'awsdocs_log-file-examples_iam-CreateRole_INVALID-as-published.json':
    { layout: 'records', events: 0, describeImages: 0 },
  'awsdocs_digest-file-structure_example.json': { layout: 'digest', events: 0, describeImages: 0 },
  'awsdocs_lake-query-results_user-called-apis.json':
    { layout: 'lake', events: 2, describeImages: 0 },
  'awscli-example_lookup-events_output.json':
    { layout: 'lookup-events', events: 1, describeImages: 0 },
  'elastic-integrations_test-run-instances-json.log':
    { layout: 'lines', events: 1, describeImages: 0 },
  'elastic-integrations_test-cloudtrail-digest-json.log':
    { layout: 'digest', events: 0, describeImages: 0 },
  'elastic-integrations_test-modify-image-attribute-json.log-expected.json':
    { layout: 'ecs', events: 2, describeImages: 0 },
  'otrf_ec2_proxy_s3_exfiltration_2020-09-14011940.json':
    { layout: 'lines', events: 103, describeImages: 0 },
  'otrf_AWS_S3_HoneyBucketLogs.csv': { layout: 'unknown', events: 0, describeImages: 0 },
  'stratus_aws.discovery.ec2-download-user-data.json':
    { layout: 'array', events: 19, describeImages: 0 },
  'stratus_aws.exfiltration.ec2-share-ami.json': { layout: 'array', events: 1, describeImages: 0 },
  'permiso_session-1c719693_InputEvents.json':
    { layout: 'array', events: 414, describeImages: 267 },
  'permiso_session-631f0603_InputEvents.json': { layout: 'array', events: 54, describeImages: 1 },
  'permiso_describeimages-shapes_subset.json': { layout: 'array', events: 8, describeImages: 8 },
  'custodian_event-transit-gateway-delete-vpc-attachment.json':
    { layout: 'eventbridge', events: 1, describeImages: 0 },
  'custodian_event-cloud-trail-s3.json': { layout: 'eventbridge', events: 1, describeImages: 0 },
  'custodian_event-cloud-trail-run-instances.json':
    { layout: 'single', events: 1, describeImages: 0 },
  'custodian_event-instance-state.json': { layout: 'unknown', events: 0, describeImages: 0 },
};

const INVALID = 'awsdocs_log-file-examples_iam-CreateRole_INVALID-as-published.json';
const SHARE_AMI = 'stratus_aws.exfiltration.ec2-share-ami.json';

/** The test rule that flags every EC2 DescribeImages call (test/fixtures/scan). */
function anyDescribeImages(): LoadedRule[] {
  const file = path.join(FIXTURES, 'rules-describe-images/any_describe_images.toml');
  const loaded = loadRuleTexts([{ text: readFileSync(file, 'utf8'), source: file }]);
  assert.deepEqual(loaded.problems, []);
  return prepareRules(loaded.rules);
}

void describe('scanning the shared corpus', () => {
  const builtin = builtinRules();
  const reference = referenceRules();

  void it('covers exactly the files the corpus holds', () => {
    assert.deepEqual(corpusFiles(), Object.keys(EXPECTED).sort());
  });

  void it('evaluates every reference rule and the built-in rule (none is unsupported)', () => {
    assert.equal(reference.length, 18);
    assert.deepEqual(reference.filter((r) => r.query === undefined).map((r) => r.rule.source), []);
    assert.equal(builtin.length, 1);
    assert.equal(builtin[0].rule.id, AMI_RULE_ID);
    assert.equal(builtin[0].rule.version, 1);
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    void it(`finds the ${expected.layout} layout and ${expected.events} events in ${file}`, () => {
      const text = corpusText(file);

      const withBuiltin = scan(text, builtin);
      const withReference = scan(text, reference);

      for (const result of [withBuiltin, withReference]) {
        assert.equal(result.layout, expected.layout);
        assert.equal(result.events, expected.events);
      }
      assert.deepEqual(withBuiltin.findings, []);
      assert.deepEqual(withBuiltin.suppressed, []);
      if (file.endsWith('.csv')) {
        // Not JSON at all: one error at its first character, nothing else.
        for (const result of [withBuiltin, withReference]) {
          assert.deepEqual(result.problems.map((p) => [p.severity, p.offset]), [['error', 0]]);
        }
      } else if (file !== INVALID) {
        assert.deepEqual(withBuiltin.problems, []);
        assert.deepEqual(withReference.problems, []);
      }
    });
  }

  void it('counts the DescribeImages events the README counts, through the whole engine', () => {
    const rules = anyDescribeImages();

    for (const [file, expected] of Object.entries(EXPECTED)) {
      const actual = scan(corpusText(file), rules).findings.length;
      assert.equal(actual, expected.describeImages, file);
    }
  });

  void it('flags no corpus event with the current upstream DescribeImages rule either', () => {
    const rules = currentRule();

    const flagged = corpusFiles().filter((f) => scan(corpusText(f), rules).findings.length > 0);

    assert.deepEqual(flagged, []);
  });

  void it('flags only the Stratus AMI share with the reference rules', () => {
    const flagged = corpusFiles().flatMap((file) => scan(corpusText(file), reference).findings
      .map((f) => `${file} ${f.eventIndex} ${f.ruleName}`));

    // the record adds launchPermission for another account and has no errorCode
    assert.deepEqual(flagged, [`${SHARE_AMI} 0 AWS EC2 AMI Shared with Another Account`]);
  });

  void it('reports the published CreateRole example as one error at line 19 column 124', () => {
    const text = corpusText(INVALID);

    for (const rules of [builtin, reference]) {
      const result = scan(text, rules);

      // Python's json.loads: "Invalid control character at: line 19 column 124" (1-based)
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0].severity, 'error');
      assert.deepEqual(positionOf(text, result.problems[0].offset), { line: 18, character: 123 });
      assert.equal(text[result.problems[0].offset], '\n');
    }
  });
});
