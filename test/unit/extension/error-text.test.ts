import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessage } from '../../../src/extension/error-text';

void describe('errorMessage', () => {
  void it('gives the message of an Error, a string as it is, and other values as JSON', () => {
    assert.equal(errorMessage(new Error('cannot read')), 'cannot read');
    assert.equal(errorMessage('plain words'), 'plain words');
    assert.equal(errorMessage({ code: 1 }), '{"code":1}');
    assert.equal(errorMessage(undefined), 'undefined');
  });

  void it('shows bidi controls, zero-width characters and controls of a message as escapes', () => {
    const error = new Error('ENOENT: open \'/logs/\u202egnp.json\u200b\'\n\u001b[2J');

    assert.equal(errorMessage(error),
      'ENOENT: open \'/logs/\\u{202e}gnp.json\\u{200b}\'\\u{a}\\u{1b}[2J');
    assert.equal(errorMessage('a\u2066b'), 'a\\u{2066}b');
  });
});
