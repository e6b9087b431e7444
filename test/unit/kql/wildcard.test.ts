// The whole-value wildcard matcher: anchoring, `*` across line breaks, case, agreement with a
// reference regular expression, and linear time on adversarial patterns.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileWildcard, matchesWildcard, wildcardFromText } from '../../../src/core/kql';

const matches = (pattern: string, text: string): boolean =>
  matchesWildcard(wildcardFromText(pattern), text);

// The meaning of a pattern, spelled as a regular expression (fine for short inputs only).
function reference(pattern: string, text: string): boolean {
  const body = pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${body}$`).test(text);
}

// Milliseconds taken by `run`, best of five to dampen noise.
function timeOf(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

void describe('matchesWildcard', () => {
  void it('anchors the pattern at both ends', () => {
    assert.equal(matches('ab*', 'abcd'), true);
    assert.equal(matches('ab*', 'xabcd'), false);
    assert.equal(matches('*cd', 'abcd'), true);
    assert.equal(matches('*cd', 'abcdx'), false);
    assert.equal(matches('*owner=*', '{includeDeprecated=true, ownersSet={items=[{owner=self}]}}'),
      true);
    assert.equal(matches('*owner=*', '{imageOwner=x}'), false);
  });

  void it('lets `*` match nothing, everything, and line breaks', () => {
    assert.equal(matches('**', ''), true);
    assert.equal(matches('*', ''), true);
    assert.equal(matches('a*b', 'ab'), true);
    assert.equal(matches('*a*', 'x\nay'), true);
    assert.equal(matches('a*z', 'a\r\n\u2028z'), true);
  });

  void it('compares case-sensitively and treats `?` and other characters literally', () => {
    assert.equal(matches('ab*', 'ABC'), false);
    assert.equal(matches('a?c*', 'abc'), false);
    assert.equal(matches('a?c*', 'a?cd'), true);
    assert.equal(matches('[a]*', '[a]x'), true);
  });

  void it('does not let the fixed ends overlap', () => {
    assert.equal(matches('ab*ba', 'aba'), false);
    assert.equal(matches('a*a', 'a'), false);
    assert.equal(matches('a*a', 'aa'), true);
    assert.equal(matches('*aa*aa*', 'aaa'), false);
    assert.equal(matches('*aa*aa*', 'aaaa'), true);
  });

  void it('keeps literal parts that contain a star when built from parser parts', () => {
    const pattern = compileWildcard(['a*', '']);

    assert.equal(matchesWildcard(pattern, 'a*c'), true);
    assert.equal(matchesWildcard(pattern, 'abc'), false);
  });

  void it('agrees with a reference regular expression on random short inputs', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '\n');
    fc.assert(fc.property(
      fc.array(alphabet, { maxLength: 8 }).map((c) => c.join('')).filter((p) => p.includes('*')),
      fc.array(fc.constantFrom('a', 'b', '\n'), { maxLength: 10 }).map((c) => c.join('')),
      (pattern, text) => matches(pattern, text) === reference(pattern, text),
    ), { numRuns: 5000 });
  });

  void it('stays linear on patterns that make backtracking matchers explode', () => {
    const text = 'a'.repeat(1_000_000);
    const manyParts = `${'*a'.repeat(1000)}*b`;
    const longPart = `*${'a'.repeat(50)}b*`;

    const shortPattern = timeOf(() => assert.equal(matches('*a*a*a*a*b', text), false));
    const many = timeOf(() => assert.equal(matches(manyParts, text), false));
    const middle = timeOf(() => assert.equal(matches(`${longPart}`, text), false));
    const infix = timeOf(() => assert.equal(matches('*a*a*a*a*b*', text), false));

    // A backtracking matcher needs minutes here; one pass over a megabyte takes milliseconds.
    for (const ms of [shortPattern, many, middle, infix]) assert.ok(ms < 250, `${ms} ms`);
  });

  void it('grows in proportion to the text on an adversarial pattern', () => {
    const pattern = wildcardFromText(`*${'a'.repeat(200)}b*`);
    const small = 'a'.repeat(400_000);
    const large = 'a'.repeat(3_200_000);

    const smallMs = timeOf(() => matchesWildcard(pattern, small));
    const largeMs = timeOf(() => matchesWildcard(pattern, large));

    // Eight times the text: linear means about eight times the time. The floor keeps a
    // loaded machine's scheduling noise from deciding the test.
    assert.ok(largeMs < Math.max(smallMs, 2) * 24, `${smallMs} ms -> ${largeMs} ms`);
  });
});
