// The retain option exists only in the newest pipeline (ecs-mapping.md, section 7): with the
// 2024 pipeline's pruning, every retain value maps as `all` does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../../src/core/json/parse-json';
import { effectiveRetain, mapRecord, type Retain } from '../../../src/core/ecs/map-record';

const RECORD = JSON.stringify({
  eventVersion: '1.09', eventTime: '2024-10-09T08:00:00Z', eventSource: 'ec2.amazonaws.com',
  eventName: 'DescribeImages', awsRegion: 'us-east-1',
  requestParameters: { includeDeprecated: true },
});

const STRING_FORM = 'aws.cloudtrail.request_parameters';
const FLATTENED_FORM = 'aws.cloudtrail.flattened.request_parameters.includeDeprecated';

/** Which of the two request forms the mapped document has. */
function forms(pruning: 'newest' | '2024', retain: Retain): [boolean, boolean] {
  const document = mapRecord(parseJson(RECORD), { pruning, retain });
  return [document.field(STRING_FORM) !== undefined,
    document.field(FLATTENED_FORM) !== undefined];
}

void describe('retain with the 2024 pipeline', () => {
  void it('keeps both request forms whatever retain says', () => {
    for (const retain of ['all', 'keyword', 'flattened', 'minimal', 'none'] as const) {
      assert.deepEqual(forms('2024', retain), [true, true], retain);
    }
  });

  void it('still applies retain with the newest pipeline', () => {
    assert.deepEqual(forms('newest', 'keyword'), [true, false]);
    assert.deepEqual(forms('newest', 'flattened'), [false, true]);
    assert.deepEqual(forms('newest', 'none'), [false, false]);
  });

  void it('names the retain value each pipeline applies', () => {
    assert.equal(effectiveRetain('2024', 'none'), 'all');
    assert.equal(effectiveRetain('newest', 'none'), 'none');
    assert.equal(effectiveRetain('newest', undefined), 'all');
  });
});
