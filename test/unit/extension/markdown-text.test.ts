import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { escapeMarkdown } from '../../../src/extension/markdown-text';

// A CommonMark renderer with GFM-style autolinks, close to what VS Code's hover renders.
const markdown = new MarkdownIt({ html: true, linkify: true });

/** Renders escaped text inline and returns the HTML. */
function render(text: string): string {
  return markdown.renderInline(escapeMarkdown(text));
}

void describe('escapeMarkdown', () => {
  void it('renders hostile log values as the literal text', () => {
    const hostile = [
      '[click](command:workbench.action.terminal.new)',
      '![img](https://attacker.example/x.png)',
      '<img src=x onerror=alert(1)>',
      '**bold** _it_ `code` ~~strike~~',
      'https://attacker.example/phish',
      'www.attacker.example',
      '&lt;script&gt;',
      '\\*not bold\\*',
    ];

    for (const value of hostile) {
      const html = render(value);
      assert.ok(!/<(a|img|strong|em|code|s|script)\b/.test(html), `${value} -> ${html}`);
      assert.equal(decodeEntities(html), value, value);
    }
  });

  void it('keeps a value on one line, so it cannot start a heading, list or table', () => {
    const actual = escapeMarkdown('a\n# heading\r\n- item\u2028| x |');

    assert.ok(!/[\r\n\u2028]/.test(actual));
    assert.match(markdown.render(actual), /^<p>a # heading - item \| x \|<\/p>\n$/);
  });

  void it('cuts long values and marks the cut', () => {
    const actual = escapeMarkdown('x'.repeat(50), 10);

    assert.equal(actual, 'x'.repeat(10) + '\u2026');
  });

  void it('leaves letters, digits and spaces alone', () => {
    assert.equal(escapeMarkdown('alice 42 Zürich'), 'alice 42 Zürich');
  });

  void it('cuts on a code point boundary, never leaving half an emoji', () => {
    const text = 'x' + '😀'.repeat(200);

    const actual = escapeMarkdown(text);

    assert.equal(actual, 'x' + '😀'.repeat(149) + '\u2026');
    assert.doesNotMatch(actual, /\p{Cs}/u);
    for (let max = 1; max < 20; max++) {
      assert.doesNotMatch(escapeMarkdown(text, max), /\p{Cs}|d83d/u, `${max}`);
    }
  });

  void it('shows bidi controls, zero-width characters and controls as visible escapes', () => {
    const hostile = 'alice\u202egnp.exe\u202c \u2066x\u2069 a\u200bb\ufeff \u001b[31m\u009b';

    const actual = escapeMarkdown(hostile);

    assert.doesNotMatch(actual, /[\p{Cc}\p{Cf}]/u);
    assert.equal(decodeEntities(markdown.renderInline(actual)), 'alice\\u{202e}gnp.exe\\u{202c} ' +
      '\\u{2066}x\\u{2069} a\\u{200b}b\\u{feff} \\u{1b}[31m\\u{9b}');
  });

  void it('keeps emoji sequences and non-Latin text whole', () => {
    const text = '👩🏽‍💻 東京 \u0645\u06cc\u200c\u062e';

    assert.equal(escapeMarkdown(text), text);
  });
});

function decodeEntities(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
