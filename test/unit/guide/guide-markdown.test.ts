import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { visibleLines } from '../../../src/core/display-text';
import {
  type FieldMention, renderGuideMarkdown,
} from '../../../src/extension/guide/guide-markdown';
import { DEPRECATED_AMI_RULE, HOSTILE, loadRule } from './guide-fixtures';

const FIELDS = new Map<string, FieldMention>([
  ['aws.cloudtrail.user_identity.arn',
    { value: 'arn:aws:iam::111122223333:user/ami-auditor', revealable: true }],
  ['source.ip', { value: '198.51.100.23', revealable: true }],
  ['event.outcome', { value: 'success', revealable: false }],
]);

/** Every start tag of the output, for checks that must not be fooled by escaped text. */
function tags(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((match) => match[0]);
}

void describe('renderGuideMarkdown', () => {
  void it('keeps soft line breaks soft and renders hard ones only where Markdown asks', () => {
    const html = renderGuideMarkdown('first line\nsecond line\n\nthird  \nfourth');
    assert.match(html, /<p>first line\nsecond line<\/p>/);
    assert.equal((html.match(/<br>/g) ?? []).length, 1, 'only the two-space break is hard');
  });

  void it('escapes raw HTML instead of rendering it', () => {
    const html = renderGuideMarkdown(HOSTILE.note);
    assert.ok(html.includes('&lt;script&gt;window.__pwned=3&lt;/script&gt;'));
    assert.ok(html.includes('&lt;img src=x onerror=&quot;window.__pwned=4&quot;&gt;'));
    assert.ok(tags(html).every((tag) => !/^<(script|img|iframe|style)/i.test(tag)), html);
  });

  void it('leaves javascript: and data: links as inert text', () => {
    const html = renderGuideMarkdown(HOSTILE.note);
    assert.ok(html.includes('[x](javascript:alert(1))'), 'markdown-it refuses the link itself');
    assert.doesNotMatch(tags(html).join(''), /javascript:|data:/i);
  });

  void it('keeps http(s) links as links for the extension to open, none with an href', () => {
    const html = renderGuideMarkdown('[AMIs](https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIs.html)'
      + ' and <https://example.com/a?b=1&c=2>');
    assert.match(html, /<a class="external-link" role="link" tabindex="0" data-action="open-link" data-href="https:\/\/docs\.aws\.amazon\.com\/AWSEC2\/latest\/UserGuide\/AMIs\.html"[^>]*>AMIs<\/a>/);
    assert.ok(html.includes('data-href="https://example.com/a?b=1&amp;c=2"'));
    assert.ok(tags(html).every((tag) => !/\shref=/.test(tag)));
  });

  void it('renders other schemes and relative links as inert text that keeps its words', () => {
    const html = renderGuideMarkdown('[mail](mailto:soc@example.com) [rel](../x.md) [ftp](ftp://h/)');
    assert.equal((html.match(/<span class="inert-link"/g) ?? []).length, 3);
    assert.doesNotMatch(html, /data-action="open-link"/);
    assert.match(html, />mail<\/span>/);
  });

  void it('does not load images: an image becomes a link to it', () => {
    const html = renderGuideMarkdown('![diagram](https://example.com/d.png) ![local](x.png)');
    assert.ok(tags(html).every((tag) => !tag.startsWith('<img')));
    assert.match(html, /data-href="https:\/\/example\.com\/d\.png"[^>]*>Image: diagram<\/a>/);
    assert.match(html, /<span class="inert-link">Image: local<\/span>/);
  });

  void it('links field names in inline code and in prose to their values in the event', () => {
    const html = renderGuideMarkdown(
      'Review `aws.cloudtrail.user_identity.arn`, then source.ip. Ignore source.ip.port.', FIELDS);
    const links = [...html.matchAll(/data-field="([^"]+)"/g)].map((match) => match[1]);
    assert.deepEqual(links, ['aws.cloudtrail.user_identity.arn', 'source.ip']);
    assert.match(html, /<a class="field-link"[^>]*title="Reveal in the editor: arn:aws:iam::111122223333:user\/ami-auditor"><code>aws\.cloudtrail\.user_identity\.arn<\/code><\/a>/);
    assert.ok(html.includes('source.ip.port'), 'a longer dotted name is left alone');
  });

  void it('shows a field without a position as a hint with its value, not as a link', () => {
    const html = renderGuideMarkdown('Check `event.outcome`.', FIELDS);
    assert.equal(html, '<p>Check <span class="field-ref" title="Value: success">'
      + '<code>event.outcome</code></span>.</p>\n');
  });

  void it('shows bidi, zero-width and control characters of the guide as escapes', () => {
    const source = [
      'Text \u202eevil a\u200bb \u001b[31mred, `co\u2066de` and [li\u200bnk](https://x.example).',
      '',
      '```',
      'line \u202e1\n\tline 2',
      '```',
      '',
      '![im\u200bage](https://x.example/i.png)',
    ].join('\n');

    const html = renderGuideMarkdown(source);

    assert.ok(html.includes('<p>Text \\u{202e}evil a\\u{200b}b \\u{1b}[31mred, '
      + '<code>co\\u{2066}de</code> and '), html);
    assert.ok(html.includes('>li\\u{200b}nk</a>'), html);
    assert.ok(html.includes('<code>line \\u{202e}1\n\tline 2\n</code>'), 'code keeps its lines');
    assert.ok(html.includes('Image: im\\u{200b}age'), html);
    assert.doesNotMatch(html.replace(/[\n\t]/g, ''), /[\p{Cc}\p{Cf}]/u);
  });

  void it('shows a log value in a hint made visible, cut between characters', () => {
    for (let pad = 0; pad < 4; pad++) {
      const value = `\u202e${'x'.repeat(180 + pad)}${'😀'.repeat(30)}`;
      const fields = new Map([['event.outcome', { value, revealable: false }]]);

      const html = renderGuideMarkdown('Check `event.outcome`.', fields);
      const title = /title="Value: ([^"]*)"/.exec(html)![1];

      assert.ok(title.startsWith('\\u{202e}xxx'), title);
      assert.ok(title.endsWith('\u2026'), title);
      assert.doesNotMatch(title, /\p{Cs}/u, `${pad}`);
    }
  });

  void it('keeps line feeds and tabs of several lines, and drops the CR of a CRLF', () => {
    assert.equal(visibleLines('a\u202eb\r\n\tc\rd\u200b\n'), 'a\\u{202e}b\n\tc\\u{d}d\\u{200b}\n');
    assert.equal(visibleLines('👩🏽\u200d💻\n'), '👩🏽\u200d💻\n');
  });

  void it('moves headings one level down under the panel\'s section titles', () => {
    const html = renderGuideMarkdown('## Triage and analysis\n\n### Investigating');
    assert.match(html, /^<h3>Triage and analysis<\/h3>\n<h4>Investigating<\/h4>/);
  });

  void it('shows a Kibana placeholder as inert code', () => {
    const html = renderGuideMarkdown('!{investigate{"label":"x","providers":[[{"field":"a"}]]}}');
    assert.equal(html, '<p><code class="kibana-placeholder">'
      + '!{investigate{&quot;label&quot;:&quot;x&quot;,&quot;providers&quot;:[[{&quot;field&quot;:'
      + '&quot;a&quot;}]]}}</code></p>\n');
  });

  void it('renders the real deprecated-AMI guide with its links and field names', () => {
    const rule = loadRule(DEPRECATED_AMI_RULE);
    const html = renderGuideMarkdown(rule.note!, FIELDS);
    assert.match(html, /<h3>Triage and analysis<\/h3>/);
    assert.match(html, /data-href="https:\/\/docs\.aws\.amazon\.com\/AWSEC2\/latest\/UserGuide\/ami-deprecate\.html"/);
    assert.match(html, /data-field="aws\.cloudtrail\.user_identity\.arn"/);
    assert.match(html, /data-field="source\.ip"/);
    assert.doesNotMatch(html, /<br>/);
  });
});
