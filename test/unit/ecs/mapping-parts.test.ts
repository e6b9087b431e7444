import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../../src/core/json/parse-json';
import { toPlain } from '../../../src/core/json/json-plain';
import {
  isEmptyAfterPruning, prunedPath, pruneNode,
} from '../../../src/core/ecs/prune-node';
import { fieldTypeOf, flattenedRootOf } from '../../../src/core/ecs/fields';
import { parseIsoDate, parseSessionDate } from '../../../src/core/ecs/iso-date';
import { isIpAddress } from '../../../src/core/ecs/ip-address';
import { eventCategorization } from '../../../src/core/ecs/event-categories';

void describe('pruneNode', () => {
  void it('removes null, "", empty containers recursively, and "-"/"none" only when newest', () => {
    const node = parseJson('{"a":null,"b":"","c":{},"d":[],"e":{"f":[{}, ""]},"g":"-",' +
      '"h":"none","i":"None","j":[1,null,"x"],"k":0,"l":false}');
    assert.deepEqual(toPlain(pruneNode(node, 'newest') ?? parseJson('null')),
      { i: 'None', j: [1, 'x'], k: 0, l: false });
    assert.deepEqual(toPlain(pruneNode(node, '2024') ?? parseJson('null')),
      { g: '-', h: 'none', i: 'None', j: [1, 'x'], k: 0, l: false });
  });

  void it('returns undefined when nothing survives and keeps the original spans', () => {
    assert.equal(pruneNode(parseJson('{"a":{"b":[null]}}'), 'newest'), undefined);
    const text = '{"a":{"b":1,"c":null}}';
    const pruned = pruneNode(parseJson(text), 'newest');
    assert.deepEqual(pruned?.span, { start: 0, end: text.length });
  });

  void it('prunes 100,000 nested objects without exhausting the stack', () => {
    const depth = 100_000;
    const empty = parseJson('{"a":'.repeat(depth) + 'null' + '}'.repeat(depth));
    assert.equal(pruneNode(empty, 'newest'), undefined);
    assert.equal(isEmptyAfterPruning(empty, 'newest'), true);
  });

  void it('reads paths the way ctx.json?.a?.b does, skipping pruned values', () => {
    const node = parseJson('{"a":{"b":"-","c":{"d":""},"e":1}}');
    assert.equal(prunedPath(node, ['a', 'b'], 'newest'), undefined);
    assert.equal(prunedPath(node, ['a', 'b'], '2024')?.kind, 'string');
    assert.equal(prunedPath(node, ['a', 'c'], 'newest'), undefined);
    assert.equal(prunedPath(node, ['a', 'e'], 'newest')?.kind, 'number');
  });
});

void describe('fieldTypeOf', () => {
  const cases: [string, string | undefined][] = [
    ['@timestamp', 'date'], ['source.ip', 'ip'], ['related.ip', 'ip'],
    ['aws.cloudtrail.read_only', 'boolean'],
    ['aws.cloudtrail.console_login.additional_eventdata.mfa_used', 'boolean'],
    ['event.dataset', 'constant_keyword'], ['data_stream.dataset', 'constant_keyword'],
    ['aws.cloudtrail.flattened.request_parameters', 'flattened_root'],
    ['aws.cloudtrail.flattened.request_parameters.ownersSet.items.owner', 'flattened_keyed'],
    ['aws.cloudtrail.request_parameters', 'keyword'],
    ['aws.cloudtrail.request_parameters.text', 'text'],
    ['event.action', 'keyword'], ['source.as.number', 'long'],
    ['aws.cloudtrail.flattened.request_parametersX', undefined], ['no.such.field', undefined],
  ];
  for (const [name, type] of cases) {
    void it(`types ${name} as ${String(type)}`, () => {
      assert.equal(fieldTypeOf(name), type);
    });
  }

  void it('finds the flattened root above a keyed path', () => {
    assert.equal(flattenedRootOf('aws.cloudtrail.flattened.response_elements.a.b'),
      'aws.cloudtrail.flattened.response_elements');
    assert.equal(flattenedRootOf('aws.cloudtrail.response_elements'), undefined);
  });
});

void describe('date parsing', () => {
  void it('stores ISO 8601 dates in UTC with milliseconds', () => {
    assert.equal(parseIsoDate('2024-10-10T14:50:40Z')?.text, '2024-10-10T14:50:40.000Z');
    assert.equal(parseIsoDate('2025-03-28T09:23:59.013285128Z')?.text,
      '2025-03-28T09:23:59.013Z');
    assert.equal(parseIsoDate('2024-10-10T16:50:40+02:00')?.text, '2024-10-10T14:50:40.000Z');
    assert.equal(parseIsoDate('2024-10-10')?.text, '2024-10-10T00:00:00.000Z');
    assert.equal(parseIsoDate('2023-01-22 16:53:53.000')?.spaceSeparated, true);
  });

  void it('refuses what is not a date', () => {
    for (const bad of ['yesterday', '2024-13-01T00:00:00Z', '2023-02-29T00:00:00Z', '-',
      '2024-10-10T25:00:00Z', '20131102T010628Z']) {
      assert.equal(parseIsoDate(bad), undefined, bad);
    }
  });

  void it('accepts the basic format for session creation dates', () => {
    assert.equal(parseSessionDate('20131102T010628Z')?.text, '2013-11-02T01:06:28.000Z');
    assert.equal(parseSessionDate('2020-01-10T14:38:30Z')?.text, '2020-01-10T14:38:30.000Z');
  });
});

void describe('isIpAddress', () => {
  void it('accepts single IPv4 and IPv6 addresses', () => {
    for (const ip of ['192.0.2.10', '0.0.0.0', '255.255.255.255', '2001:db8::1', '::1', '::',
      '::ffff:192.0.2.1', '2001:0db8:0000:0000:0000:ff00:0042:8329']) {
      assert.equal(isIpAddress(ip), true, ip);
    }
  });

  void it('refuses names, lists and malformed addresses', () => {
    for (const bad of ['AWS Internal', 'ec2.amazonaws.com', '1.2.3.4, 10.0.0.1', '256.1.1.1',
      '01.2.3.4', '1.2.3', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::1', '']) {
      assert.equal(isIpAddress(bad), false, bad);
    }
  });
});

void describe('eventCategorization', () => {
  void it('has the pipeline\'s entries for the fixtures and none for DescribeImages', () => {
    assert.deepEqual(eventCategorization('ConsoleLogin'),
      { category: ['authentication'], type: ['info'] });
    assert.deepEqual(eventCategorization('ChangePassword'),
      { category: ['iam'], type: ['user', 'change'] });
    assert.equal(eventCategorization('DescribeImages'), undefined);
    assert.equal(eventCategorization('toString'), undefined);
  });
});

void describe('date parsing of early years', () => {
  void it('keeps years below 100 as written', () => {
    assert.equal(parseIsoDate('0099-12-31T23:59:59Z')?.text, '0099-12-31T23:59:59.000Z');
    assert.equal(parseIsoDate('1999-12-31T23:59:59Z')?.text, '1999-12-31T23:59:59.000Z');
  });
});
