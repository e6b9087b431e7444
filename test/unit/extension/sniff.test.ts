import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { detectLayout } from '../../../src/core/layout';
import type { LayoutKind } from '../../../src/core/types';
import { GZ_SCHEME, decideFromLayout, isCandidate } from '../../../src/extension/sniff';

void describe('isCandidate', () => {
  void it('accepts JSON-family documents on the schemes of user files', () => {
    for (const languageId of ['json', 'jsonc', 'jsonl']) {
      for (const scheme of ['file', 'untitled', 'vscode-vfs', 'vscode-remote']) {
        assert.ok(isCandidate({ languageId, scheme, path: '/x/trail' }), `${languageId} ${scheme}`);
      }
    }
  });

  void it('accepts plain text and log documents only with a log-like file name', () => {
    assert.ok(isCandidate({ languageId: 'plaintext', scheme: 'file', path: '/x/a.ndjson' }));
    assert.ok(isCandidate({ languageId: 'log', scheme: 'file', path: '/x/cloudtrail.LOG' }));
    assert.ok(isCandidate({ languageId: 'plaintext', scheme: 'file', path: '/x/a.jsonl' }));
    assert.equal(isCandidate({ languageId: 'plaintext', scheme: 'file', path: '/x/notes.txt' }),
      false);
    assert.equal(isCandidate({ languageId: 'plaintext', scheme: 'untitled', path: 'Untitled-1' }),
      false);
  });

  void it('ignores other languages, git snapshots and output channels', () => {
    assert.equal(isCandidate({ languageId: 'typescript', scheme: 'file', path: '/a.json.ts' }),
      false);
    assert.equal(isCandidate({ languageId: 'json', scheme: 'git', path: '/x/trail.json' }), false);
    assert.equal(isCandidate({ languageId: 'log', scheme: 'output', path: 'CloudTrail Lens.log' }),
      false);
  });

  void it('always accepts the decompressed view of a .gz file', () => {
    assert.ok(isCandidate({ languageId: 'plaintext', scheme: GZ_SCHEME, path: '/x/trail.log' }));
  });
});

void describe('decideFromLayout', () => {
  const evaluated: LayoutKind[] = ['records', 'array', 'single', 'lines', 'lookup-events',
    'eventbridge', 'lake', 'ecs'];

  void it('analyses every layout that holds events', () => {
    for (const layout of evaluated) {
      assert.deepEqual(decideFromLayout(layout, false), { analyze: true }, layout);
    }
  });

  void it('skips unknown JSON and digest files unless forced', () => {
    assert.deepEqual(decideFromLayout('unknown', false),
      { analyze: false, reason: 'not CloudTrail-shaped' });
    assert.deepEqual(decideFromLayout('digest', false),
      { analyze: false, reason: 'CloudTrail digest file' });
  });

  void it('analyses anything when forced, and says why nothing may be found', () => {
    const unknown = decideFromLayout('unknown', true);
    const digest = decideFromLayout('digest', true);

    assert.equal(unknown.analyze, true);
    assert.equal(digest.analyze, true);
    assert.match(unknown.analyze ? unknown.notice ?? '' : '', /No CloudTrail layout/);
    assert.match(digest.analyze ? digest.notice ?? '' : '', /digest file/);
    assert.deepEqual(decideFromLayout('records', true), { analyze: true });
  });
});

void describe('sniffing the public corpus', () => {
  const corpus = path.resolve(__dirname, '../../../../shared/corpus');
  const read = (name: string): string => {
    const bytes = readFileSync(path.join(corpus, name));
    return (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  };
  const wanted = (name: string): boolean =>
    decideFromLayout(detectLayout(read(name)), false).analyze;

  void it('analyses every file the corpus README lists as holding CloudTrail events', () => {
    const withEvents = [
      'awscli-example_lookup-events_output.json',
      'awsdocs_lake-query-results_user-called-apis.json',
      'awsdocs_log-file-examples_ec2-StartInstances.json',
      'awsdocs_log-file-examples_iam-CreateRole_INVALID-as-published.json',
      'custodian_event-cloud-trail-run-instances.json',
      'custodian_event-cloud-trail-s3.json',
      'elastic-integrations_test-modify-image-attribute-json.log-expected.json',
      'elastic-integrations_test-run-instances-json.log',
      'otrf_ec2_proxy_s3_exfiltration_2020-09-14011940.json',
      'permiso_describeimages-shapes_subset.json',
      'stratus_aws.discovery.ec2-download-user-data.json',
      'trailscraper_111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json.gz',
    ];

    for (const name of withEvents) assert.ok(wanted(name), name);
  });

  void it('leaves alone the digest files, the CSV and the non-CloudTrail EventBridge event', () => {
    const without = [
      'awsdocs_digest-file-structure_example.json',
      'elastic-integrations_test-cloudtrail-digest-json.log',
      'otrf_AWS_S3_HoneyBucketLogs.csv',
      'custodian_event-instance-state.json',
    ];

    for (const name of without) assert.equal(wanted(name), false, name);
  });
});
