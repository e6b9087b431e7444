// visibleText and cutText (src/core/display-text.ts), shared by the CLI's text output and every
// place the extension shows log or rule text: what is escaped, what is kept, and where a cut
// may fall.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cutText, escapeCodePoint, visibleText } from '../../../src/core/display-text';

/** What must never reach a person raw: controls, format characters, separators, ignorables. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
/** The Unicode Bidi_Control set: never kept, whatever surrounds it. */
const BIDI_CONTROLS = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066,
  0x2067, 0x2068, 0x2069];

/** Reads the escapes back, for texts without a backslash of their own. */
function unescape(text: string): string {
  return text.replace(/\\u\{([0-9a-f]+)\}/g, (_, hex: string) =>
    String.fromCodePoint(parseInt(hex, 16)));
}

/** Any code point or lone surrogate, with the dangerous ones and emoji parts often. */
const anyCharacter = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
  fc.constantFrom('\u001b', '[', '\u009b', '\u202e', '\u2066', '\u200b', '\u200d', '\u200c',
    '\ufe0f', '\u{1f3f4}', '\u{e0067}', '\u{e0062}', '\u{e007f}', '\u{1f469}', '\u{1f3fd}',
    'a', '1', '\u20e3', '\u0915', '\u094d', '\u3164', '\u034f', '\ufe0e', '\u{e0100}', '\u845b'),
);

void describe('visibleText', () => {
  void it('writes ANSI escape sequences, C0 and C1 controls and DEL as \\u{hex}', () => {
    assert.equal(visibleText('\u001b[31mred\u001b[0m'), '\\u{1b}[31mred\\u{1b}[0m');
    assert.equal(visibleText('\u009b2J\u001b]0;title\u0007'),
      '\\u{9b}2J\\u{1b}]0;title\\u{7}');
    assert.equal(visibleText('a\u0000b\tc\nd\re\u007f'),
      'a\\u{0}b\\u{9}c\\u{a}d\\u{d}e\\u{7f}');
    for (let code = 0x80; code <= 0x9f; code++) {
      assert.equal(visibleText(`x${String.fromCharCode(code)}y`), `x\\u{${code.toString(16)}}y`);
    }
  });

  void it('writes every bidi control as an escape, even between letters of an RTL script', () => {
    for (const code of BIDI_CONTROLS) {
      const control = String.fromCodePoint(code);

      assert.equal(visibleText(`admin${control}txt.exe`),
        `admin\\u{${code.toString(16)}}txt.exe`);
      assert.equal(visibleText(`\u05d0${control}\u05d1`), `\u05d0\\u{${code.toString(16)}}\u05d1`);
    }
  });

  void it('writes zero-width, invisible and unpaired characters as escapes', () => {
    const cases: [string, string][] = [
      ['ad\u200bmin', 'ad\\u{200b}min'],
      ['ad\u200dmin', 'ad\\u{200d}min'],
      ['ad\u200cmin', 'ad\\u{200c}min'],
      ['ad\u2060min\ufeff', 'ad\\u{2060}min\\u{feff}'],
      ['ad\u00admin', 'ad\\u{ad}min'],
      ['\u3164\u115f\u034f\u180e', '\\u{3164}\\u{115f}\\u{34f}\\u{180e}'],
      ['admin\ufe0f', 'admin\\u{fe0f}'],
      ['ok\u{e0041}\u{e0042}', 'ok\\u{e0041}\\u{e0042}'],
      ['\ud800 lone \udfff', '\\u{d800} lone \\u{dfff}'],
      ['line\u2028sep\u2029', 'line\\u{2028}sep\\u{2029}'],
      ['\u0085next', '\\u{85}next'],
    ];

    for (const [input, expected] of cases) assert.equal(visibleText(input), expected, input);
  });

  void it('keeps accents, CJK, right-to-left letters and emoji as they are', () => {
    const kept = [
      'Zürich café naïve e\u0301',
      '東京都 株式会社 사용자',
      '\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627',
      '😀 👍🏽 🇩🇪 ❤️ 1️⃣ #️⃣',
      '👩🏽‍💻 👨‍👩‍👧 🏳️‍🌈 ❤️‍🔥',
      '🏴󠁧󠁢󠁥󠁮󠁧󠁿',
      '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645',
      '\u0915\u094d\u200d\u0937',
      '\u845b\u{e0100}',
      'C:\\logs\\trail.json',
    ];

    for (const text of kept) assert.equal(visibleText(text), text, text);
  });

  void it('lets no hidden code point through between ASCII letters, over all of Unicode', () => {
    for (let code = 0; code <= 0x10ffff; code++) {
      const character = String.fromCodePoint(code);
      if (!HIDDEN.test(character)) continue;

      assert.equal(visibleText(`a${character}b`), `a${escapeCodePoint(character)}b`);
    }
  });

  void it('never lets a control, bidi control or unpaired surrogate through', () => {
    const never = /[\p{Cc}\p{Cs}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

    fc.assert(fc.property(fc.string({ unit: anyCharacter, maxLength: 40 }), (text) => {
      assert.doesNotMatch(visibleText(text), never);
    }), { numRuns: 5000 });
  });

  void it('is idempotent, so every layer may apply it', () => {
    fc.assert(fc.property(fc.string({ unit: anyCharacter, maxLength: 40 }), (text) => {
      const once = visibleText(text);
      assert.equal(visibleText(once), once);
    }), { numRuns: 5000 });
  });

  void it('can be read back exactly when the text holds no backslash', () => {
    fc.assert(fc.property(fc.string({ unit: anyCharacter, maxLength: 40 }), (text) => {
      fc.pre(!text.includes('\\'));
      assert.equal(unescape(visibleText(text)), text);
    }), { numRuns: 5000 });
  });
});

void describe('cutText', () => {
  void it('leaves text within the limit alone', () => {
    assert.equal(cutText('abc', 3), 'abc');
    assert.equal(cutText('😀', 2), '😀');
  });

  void it('never cuts an emoji in half', () => {
    const text = 'x' + '😀'.repeat(10);

    for (let limit = 1; limit < text.length; limit++) {
      const actual = cutText(text, limit);

      assert.ok(actual.endsWith('\u2026'), `${limit}`);
      const kept = actual.slice(0, -1);
      assert.ok(text.startsWith(kept) && kept.length <= limit, `${limit}`);
      assert.doesNotMatch(kept, /\p{Cs}/u, `${limit}`);
      assert.ok(kept.length >= limit - 1, `${limit}`);
    }
  });

  void it('cuts between graphemes, not inside an emoji sequence or a flag', () => {
    const family = '👨‍👩‍👧';

    assert.equal(cutText(`ab${family}cd`, 6), 'ab\u2026');
    assert.equal(cutText('🇩🇪🇫🇷', 6), '🇩🇪\u2026');
    assert.equal(cutText('cafe\u0301s', 4), 'caf\u2026');
    assert.equal(cutText('ab\r\ncd', 3), 'ab\u2026');
    assert.equal(cutText(`${'x'.repeat(200)}${family}`, 205), `${'x'.repeat(200)}\u2026`);
  });

  void it('falls back to a code point cut when the first grapheme alone is too long', () => {
    const zalgo = 'a' + '\u0301'.repeat(50);

    assert.equal(cutText(zalgo, 10), zalgo.slice(0, 10) + '\u2026');
    assert.equal(cutText('😀\u{1f3fb}\u{1f3fb}', 3), '😀\u2026');
  });

  void it('does not cut a \\u{hex} escape in two', () => {
    const shown = visibleText('abc\u200bdef');

    assert.equal(cutText(shown, 5), 'abc\u2026');
    assert.equal(cutText(shown, 11), 'abc\\u{200b}\u2026');
  });

  void it('takes any marker', () => {
    assert.equal(cutText('abcdef', 3, '...'), 'abc...');
  });
});
