import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  isAllowedExternalUrl, normalizeExternalUrl, parseGuideTarget, parseWebviewMessage,
} from '../../../src/extension/guide/messages';

void describe('parseWebviewMessage', () => {
  void it('accepts each message the page sends, unchanged', () => {
    const messages = [
      { type: 'reveal', kind: 'field', field: 'aws.cloudtrail.user_identity.arn' },
      { type: 'reveal', kind: 'clause', index: 4 },
      { type: 'reveal', kind: 'event' },
      { type: 'openLink', url: 'https://attack.mitre.org/techniques/T1580/' },
      { type: 'navigate', direction: 'previous' },
      { type: 'navigate', direction: 'next' },
    ];
    for (const message of messages) assert.deepEqual(parseWebviewMessage(message), message);
  });

  void it('rejects values that are not plain objects', () => {
    const values: unknown[] = [undefined, null, 'reveal', 3, [], [{ type: 'navigate' }],
      new Map([['type', 'navigate']]), Object.create({ type: 'navigate', direction: 'next' })];
    for (const value of values) assert.equal(parseWebviewMessage(value), undefined);
  });

  void it('rejects unknown types and kinds, and keys that do not belong to the message', () => {
    const messages: unknown[] = [
      { type: 'run', command: 'x' },
      { type: 'reveal', kind: 'span', start: 0, end: 4 },
      { type: 'reveal', kind: 'event', field: 'source.ip' },
      { type: 'openLink', url: 'https://example.com/', field: 'x' },
      { type: 'navigate', direction: 'next', index: 1 },
      { type: 'navigate', direction: 'next', extra: true },
      { type: 'reveal', kind: 'field', field: 'source.ip', __proto__: { polluted: true },
        constructor: 'x' },
    ];
    for (const message of messages) assert.equal(parseWebviewMessage(message), undefined);
  });

  void it('checks string lengths and refuses control characters', () => {
    assert.equal(parseWebviewMessage({ type: 'reveal', kind: 'field', field: '' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'reveal', kind: 'field', field: 'a'.repeat(513) }),
      undefined);
    assert.ok(parseWebviewMessage({ type: 'reveal', kind: 'field', field: 'a'.repeat(512) }));
    assert.equal(parseWebviewMessage({ type: 'reveal', kind: 'field', field: 'a\nb' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'openLink', url: 'https://x.y/\u0000' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'openLink', url: `https://x.y/${'a'.repeat(4090)}` }),
      undefined);
    assert.equal(parseWebviewMessage({ type: 'openLink', url: 42 }), undefined);
  });

  void it('accepts only whole clause indexes in range', () => {
    for (const index of [-1, 1.5, 10_000, Number.NaN, Infinity, '1', null]) {
      assert.equal(parseWebviewMessage({ type: 'reveal', kind: 'clause', index }), undefined,
        String(index));
    }
    assert.ok(parseWebviewMessage({ type: 'reveal', kind: 'clause', index: 9_999 }));
    assert.ok(parseWebviewMessage({ type: 'reveal', kind: 'clause', index: 0 }));
  });

  void it('accepts only the two directions', () => {
    assert.equal(parseWebviewMessage({ type: 'navigate', direction: 'up' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'navigate' }), undefined);
  });
});

void describe('parseGuideTarget', () => {
  void it('restores the target the page stored, without its scroll position', () => {
    const state = { ruleId: 'r-1', documentUri: 'file:///logs/a.json', findingIndex: 3,
      scrollY: 420 };
    assert.deepEqual(parseGuideTarget(state),
      { ruleId: 'r-1', documentUri: 'file:///logs/a.json', findingIndex: 3 });
    assert.deepEqual(parseGuideTarget({ ruleId: 'r-1' }), { ruleId: 'r-1' });
  });

  void it('rejects states that are malformed or name a finding without a document', () => {
    const states: unknown[] = [undefined, null, {}, { ruleId: '' }, { ruleId: 7 },
      { ruleId: 'r', findingIndex: 2 }, { ruleId: 'r', documentUri: 'file:///a', findingIndex: -1 },
      { ruleId: 'r', documentUri: 'file:///a', findingIndex: 0.5 },
      { ruleId: 'r', documentUri: 3 }, { ruleId: 'r', other: 1 }];
    for (const state of states) assert.equal(parseGuideTarget(state), undefined);
  });
});

void describe('isAllowedExternalUrl', () => {
  void it('allows https, and http only when the setting allows it', () => {
    assert.equal(isAllowedExternalUrl('https://attack.mitre.org/tactics/TA0007/', false), true);
    assert.equal(isAllowedExternalUrl('http://example.com/', false), false);
    assert.equal(isAllowedExternalUrl('http://example.com/', true), true);
  });

  void it('refuses every other scheme, even when http is allowed', () => {
    const urls = ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<b>x</b>',
      'file:///etc/passwd', 'vscode://settings', 'command:workbench.action.terminal.new',
      'ftp://example.com/', 'mailto:a@example.com', 'vbscript:x'];
    for (const url of urls) assert.equal(isAllowedExternalUrl(url, true), false, url);
  });

  void it('refuses relative URLs, URLs without a host, credentials and embedded whitespace', () => {
    const urls = ['/docs/x', 'example.com', 'https://', 'https:///path',
      'https://user:pass@example.com/', 'https://user@example.com/', 'https://exa mple.com/',
      ' https://example.com/', 'https://example.com/\n', ''];
    for (const url of urls) assert.equal(isAllowedExternalUrl(url, true), false, url);
  });

  void it('returns the normalised form, which is what gets opened', () => {
    assert.equal(normalizeExternalUrl('HTTPS://Example.COM', false), 'https://example.com/');
    assert.equal(normalizeExternalUrl('https://Example.COM/a/../b?q=<x>', false),
      'https://example.com/b?q=%3Cx%3E');
  });

  void it('refuses the malformed spellings that URL parsers forgive', () => {
    for (const url of ['https:\\\\evil.example\\x', 'https:/evil.example/', 'https:evil.example']) {
      assert.equal(isAllowedExternalUrl(url, true), false, url);
    }
  });
});
