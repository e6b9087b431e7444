import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeHtml } from '../../../src/extension/guide/escape-html';

void describe('escapeHtml', () => {
  void it('replaces the five characters that matter in content and quoted attributes', () => {
    const actual = escapeHtml(`<a href="x" title='y'>&</a>`);
    const expected = '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;';
    assert.equal(actual, expected);
  });

  void it('leaves every other character, including non-ASCII, as it is', () => {
    assert.equal(escapeHtml('arn:aws:iam::1:user/é — ✓ `x`'), 'arn:aws:iam::1:user/é — ✓ `x`');
  });

  void it('never leaves a markup character in its output and can be undone exactly', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const escaped = escapeHtml(text);
      assert.doesNotMatch(escaped, /[<>"']/);

      const undone = escaped.replace(/&(lt|gt|quot|#39|amp);/g, (_m, name: string) =>
        ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!);
      assert.equal(undone, text);
    }));
  });
});
