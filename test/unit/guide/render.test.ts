import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderGuideHtml, renderNoticeHtml } from '../../../src/extension/guide/render';
import type { Finding, Rule } from '../../../src/core/types';
import {
  DEPRECATED_AMI_RULE, HOSTILE, PAGE, describeImagesFinding, loadRule,
} from './guide-fixtures';

const rule = loadRule(DEPRECATED_AMI_RULE);
const fixture = describeImagesFinding(rule);

const ALLOWED_TAGS = new Set(['html', 'head', 'meta', 'title', 'link', 'body', 'header', 'main',
  'nav', 'section', 'footer', 'div', 'span', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong',
  'em', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'button', 'a', 'ul', 'ol',
  'li', 'dl', 'dt', 'dd', 'details', 'summary', 'br', 'hr', 'blockquote', 's', 'script']);
const ALLOWED_ATTRIBUTES = new Set(['class', 'id', 'role', 'tabindex', 'title', 'type', 'disabled',
  'scope', 'lang', 'http-equiv', 'content', 'charset', 'name', 'rel', 'href', 'nonce', 'src',
  'start', 'aria-label', 'aria-labelledby', 'aria-hidden']);

interface Tag { name: string; attributes: string[]; text: string }

/** Every start tag with its attribute names, read the way an HTML parser would. */
function startTags(html: string): Tag[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*>/g)]
    .map((match) => ({
      name: match[1].toLowerCase(),
      attributes: [...match[2].matchAll(/\s+([^\s=>]+)(?:="[^"]*")?/g)].map((m) => m[1].toLowerCase()),
      text: match[0],
    }));
}

function render(overrides: Partial<Parameters<typeof renderGuideHtml>[0]> = {}): string {
  return renderGuideHtml({ ...PAGE, rule, ...overrides });
}

/** The rule with every string it carries replaced by a hostile payload. */
function hostileRule(): Rule {
  const payload = (label: string): string =>
    `${label}<script>window.__pwned=1</script>"'><img src=x onerror=alert(1)>`;
  return {
    ...rule,
    id: payload('id'),
    name: payload('name'),
    type: payload('type'),
    language: payload('language'),
    query: payload('query'),
    index: [payload('index')],
    severity: payload('severity') as Rule['severity'],
    interval: payload('interval'),
    from: payload('from'),
    author: [payload('author')],
    license: payload('license'),
    tags: [payload('tag')],
    description: payload('description'),
    note: HOSTILE.note,
    setup: payload('setup'),
    falsePositives: [payload('fp')],
    references: [payload('reference'), 'javascript:alert(1)', 'https://ok.example/"><b>'],
    threat: [{
      framework: payload('framework'),
      tactic: { id: payload('tactic-id'), name: payload('tactic'), reference: 'javascript:x' },
      techniques: [{ id: payload('t-id'), name: payload('technique'),
        reference: payload('t-ref'), subtechniques: [{ id: payload('s-id'),
          name: payload('sub'), reference: 'https://attack.mitre.org/"onmouseover="x' }] }],
    }],
    investigationFields: [payload('field')],
    timestampOverride: payload('timestamp'),
    creationDate: payload('created'),
    updatedDate: payload('updated'),
    source: payload('source'),
    support: { supported: false, reason: payload('reason'), warnings: [payload('warning')] },
  };
}

function hostileFinding(): Finding {
  const hostile = describeImagesFinding(rule, { userAgent: HOSTILE.userAgent }).finding;
  const bad = '"><svg onload=alert(1)>';
  return {
    ...hostile,
    eventId: `id${bad}`,
    fields: { ...hostile.fields, [`field${bad}`]: { nested: `v${bad}` } },
    fieldSources: { ...hostile.fieldSources,
      [`field${bad}`]: { rawPath: `path${bad}`, span: { start: 1, end: 2 } } },
    explanation: [{ clause: `clause${bad}`, field: `field${bad}`, matched: false, negated: true,
      value: `value${bad}`, rawPath: `raw${bad}`, note: `note${bad}` }],
    suppressedBy: { id: `exception${bad}`, comment: `comment${bad}` },
  };
}

void describe('renderGuideHtml', () => {
  void it('puts the CSP first in head, with exactly the policy the panel needs', () => {
    const html = render();
    const head = /<head>\n([^\n]*)\n/.exec(html)![1];
    assert.equal(head, '<meta http-equiv="Content-Security-Policy" content="default-src '
      + '&#39;none&#39;; style-src https://file+.vscode-resource.vscode-cdn.net; img-src '
      + 'https://file+.vscode-resource.vscode-cdn.net https: data:; script-src '
      + '&#39;nonce-dGVzdC1ub25jZS0xMjM0NTY3OA==&#39;">');
  });

  void it('loads one external script carrying the nonce and one stylesheet, nothing inline', () => {
    const html = render({ finding: fixture.finding, eventText: fixture.eventText });
    const tags = startTags(html);
    const scripts = tags.filter((tag) => tag.name === 'script');
    assert.deepEqual(scripts.map((tag) => tag.text), [`<script nonce="${PAGE.nonce}" `
      + `src="${PAGE.scriptUri}">`]);
    assert.deepEqual(tags.filter((tag) => tag.name === 'link').map((tag) => tag.text),
      [`<link rel="stylesheet" href="${PAGE.styleUri}">`]);
    assert.ok(!html.includes('<style'));
    assert.ok(tags.every((tag) => !tag.attributes.includes('style')));
    assert.ok(tags.every((tag) => tag.attributes.every((name) => !name.startsWith('on'))));
  });

  void it('shows every metadata field of the rule', () => {
    const html = render({ rule: { ...rule, version: 8 } });
    const expected = [
      '<h1>AWS EC2 Deprecated AMI Discovery</h1>',
      'Low severity', 'Risk score 21', 'query · kuery',
      '<dt>Rule ID</dt><dd><code>264c641e-c202-11ef-993e-f661ea17fbce</code></dd>',
      '<dt>Rule type</dt><dd>query</dd>',
      '<dt>Indices</dt><dd><code>filebeat-*</code> <code>logs-aws.cloudtrail-*</code></dd>',
      '<dt>Runs every</dt><dd>5m</dd>',
      '<dt>Searches from</dt><dd><code>now-6m</code></dd>',
      '<dt>Max alerts per run</dt><dd>100</dd>',
      '<dt>Timestamp override</dt><dd><code>event.ingested</code></dd>',
      '<dt>Created</dt><dd>2024/12/24</dd>', '<dt>Updated</dt><dd>2026/04/10</dd>',
      'Version 8', 'Authors: Elastic', 'License: Elastic License v2',
      'Source: builtin:discovery_ec2_deprecated_ami_discovery.toml',
      'Identifies when a user has queried for deprecated Amazon Machine Images (AMIs) in AWS.',
      '<span class="badge tag-badge">Tactic: Discovery</span>',
      '<span class="badge tag-badge">Data Source: AWS EC2</span>',
      '<h4>Investigating AWS EC2 Deprecated AMI Discovery</h4>',
      '<li>Legitimate use of deprecated AMIs for testing or development purposes.</li>',
      'data-href="https://hackingthe.cloud/aws/exploitation/Misconfigured_Resource-Based_Policies/'
        + 'exploting_public_resources_attack_playbook/"',
      '<div class="threat-framework">MITRE ATT&amp;CK</div>',
      'data-href="https://attack.mitre.org/tactics/TA0007/" title="https://attack.mitre.org/'
        + 'tactics/TA0007/">TA0007</a></span> <span class="attack-name">Discovery</span>',
      'data-href="https://attack.mitre.org/techniques/T1580/" title="https://attack.mitre.org/'
        + 'techniques/T1580/">T1580</a></span> <span class="attack-name">Cloud Infrastructure '
        + 'Discovery</span>',
      'aws.cloudtrail.flattened.request_parameters.includeDeprecated: &quot;true&quot;',
    ];
    for (const text of expected) assert.ok(html.includes(text), text);
  });

  void it('says when the version is not known, and shows setup only when the rule has one', () => {
    const without = render();
    assert.ok(without.includes('Version: unknown'));
    assert.ok(!without.includes('id="setup"'));

    const withSetup = render({ rule: { ...rule, setup: 'Enable **S3 data events**.' } });
    assert.match(withSetup, /<h2 id="setup-title">Setup<\/h2>\n<div class="markdown"><p>Enable <strong>S3 data events<\/strong>\.<\/p>/);
  });

  void it('shows tactics, techniques and sub-techniques of every ATT&CK entry', () => {
    const s3 = loadRule('credential_access_credentials_in_s3_bucket.toml');
    const html = renderGuideHtml({ ...PAGE, rule: s3 });
    const ids = [...html.matchAll(/<span class="attack-kind">([^<]+)<\/span> <span class="attack-id"><a[^>]*>([^<]+)<\/a>/g)]
      .map((match) => `${match[1]} ${match[2]}`);
    const expected = s3.threat.flatMap((threat) => [`Tactic ${threat.tactic.id}`,
      ...threat.techniques.flatMap((technique) => [`Technique ${technique.id}`,
        ...technique.subtechniques.map((sub) => `Sub-technique ${sub.id}`)])]);
    assert.deepEqual(ids, expected);
    assert.ok(expected.some((id) => id.startsWith('Sub-technique')), 'the rule has one');
  });

  void it('lists the investigation fields with raw path, value and a reveal button per row', () => {
    const html = render({ finding: fixture.finding });
    const rows = [...html.matchAll(/<tr><td><code>([^<]+)<\/code><\/td><td>(.*?)<\/td><td>(.*?)<\/td><td class="action">(.*?)<\/td><\/tr>/g)];
    assert.deepEqual(rows.map((row) => row[1]), rule.investigationFields);

    const arn = rows.find((row) => row[1] === 'aws.cloudtrail.user_identity.arn')!;
    assert.equal(arn[2], '<code>userIdentity.arn</code>');
    assert.equal(arn[3], '<code class="value">arn:aws:iam::111122223333:user/ami-auditor</code>');
    assert.equal(arn[4], '<button type="button" class="button link" data-action="reveal" '
      + 'data-kind="field" data-field="aws.cloudtrail.user_identity.arn">'
      + 'Reveal in editor</button>');

    const outcome = rows.find((row) => row[1] === 'event.outcome')!;
    assert.match(outcome[4], / disabled>Reveal in editor<\/button>$/, 'nothing to reveal');
  });

  void it('links the ECS fields the guide mentions to their values in the event', () => {
    const html = render({ finding: fixture.finding });
    const guide = /<section id="guide"[\s\S]*?<\/section>/.exec(html)![0];
    const linked = new Set([...guide.matchAll(/data-field="([^"]+)"/g)].map((match) => match[1]));
    assert.deepEqual([...linked].sort(), ['aws.cloudtrail.request_parameters',
      'aws.cloudtrail.user_identity.access_key_id', 'aws.cloudtrail.user_identity.arn',
      'aws.cloudtrail.user_identity.type', 'source.ip', 'user_agent.original']);
    assert.ok(guide.includes('<code>source.geo</code>'), 'a field the event lacks stays code');
  });

  void it('explains the match clause by clause, revealable where a value has a position', () => {
    const html = render({ finding: fixture.finding });
    const section = /<section id="match"[\s\S]*?<\/section>/.exec(html)![0];
    assert.equal((section.match(/status-holds/g) ?? []).length, 5);
    assert.ok(section.includes('<code class="value">DescribeImages</code>'
      + '<div class="muted small">from <code>eventName</code></div>'));
    assert.ok(section.includes('data-kind="clause" data-index="2">'));
    assert.ok(section.includes('data-kind="clause" data-index="0" disabled>'));
    assert.ok(section.includes('Derived: the record has no errorCode.'));
  });

  void it('marks a negated clause and whether it held', () => {
    const negated = { ...fixture.finding, explanation: [{ clause: 'not source.ip: 10.0.0.0/8',
      field: 'source.ip', matched: false, negated: true, value: '198.51.100.23' },
    { clause: 'user.name: root', field: 'user.name', matched: false, negated: false }] };
    const html = render({ finding: negated });
    assert.match(html, /status-holds[^]*?not source\.ip: 10\.0\.0\.0\/8<\/code> <span class="tag"[^>]*>negated<\/span>/);
    assert.match(html, /status-fails[^]*?user\.name: root/);
  });

  void it('offers previous and next only where there is a finding to go to', () => {
    const first = render({ finding: fixture.finding, findingPosition: { index: 0, total: 3 } });
    assert.ok(first.includes('<strong>Finding 1 of 3</strong>'));
    assert.ok(first.includes('data-direction="previous" disabled>Previous</button>'));
    assert.ok(first.includes('data-direction="next">Next</button>'));

    const last = render({ finding: fixture.finding, findingPosition: { index: 2, total: 3 } });
    assert.ok(last.includes('data-direction="previous">Previous</button>'));
    assert.ok(last.includes('data-direction="next" disabled>Next</button>'));
    assert.ok(last.includes('data-action="reveal" data-kind="event">Reveal event in editor'));
  });

  void it('shows the raw event re-indented inside a collapsed details element', () => {
    const compact = JSON.stringify(JSON.parse(fixture.eventText));
    const html = render({ finding: fixture.finding, eventText: compact });
    const details = /<details class="raw-event">[\s\S]*?<\/details>/.exec(html)![0];
    assert.ok(!details.startsWith('<details class="raw-event" open'));
    assert.ok(details.includes('\n  &quot;eventName&quot;: &quot;DescribeImages&quot;,\n'));
  });

  void it('leaves out the finding sections when there is no finding', () => {
    const html = render();
    for (const id of ['fields', 'match', 'event']) assert.ok(!html.includes(`id="${id}"`), id);
    assert.ok(!html.includes('finding-bar'));
  });

  void it('escapes hostile text from every rule field and every log value', () => {
    const html = renderGuideHtml({ ...PAGE, rule: hostileRule(), finding: hostileFinding(),
      findingPosition: { index: 0, total: 1 },
      eventText: `{"userAgent":${JSON.stringify(HOSTILE.userAgent)}}`,
      documentLabel: '<b>log</b>.json', notice: '<i>notice</i>',
      state: { ruleId: '"><script>x</script>', documentUri: 'file:///a"b' } });

    const tags = startTags(html);
    for (const tag of tags) {
      assert.ok(ALLOWED_TAGS.has(tag.name), `unexpected element: ${tag.text}`);
      for (const name of tag.attributes) {
        assert.ok(ALLOWED_ATTRIBUTES.has(name) || /^data-[a-z-]+$/.test(name),
          `unexpected attribute ${name} in ${tag.text}`);
      }
    }
    assert.equal(tags.filter((tag) => tag.name === 'script').length, 1);
    assert.ok(!html.includes('<img') && !html.includes('<svg') && !html.includes('<b>'));
    assert.ok(html.includes('name&lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;&#39;&gt;'
      + '&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('&lt;/script&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt;'));
    assert.ok(html.includes('data-state="{&quot;ruleId&quot;:&quot;\\&quot;&gt;&lt;script&gt;'));
    assert.ok(!/data-href="(?!https:)/.test(html), 'only https links are links');
  });

  void it('keeps every attribute value inside its quotes whatever the rule says', () => {
    const html = renderGuideHtml({ ...PAGE, rule: hostileRule(), finding: hostileFinding() });
    for (const match of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
      const rest = match[0].replace(/\s[a-z-]+="[^"]*"/g, '').replace(/\s(disabled)/g, '');
      assert.match(rest, /^<[a-zA-Z0-9]+>$/, match[0]);
    }
  });
});

void describe('renderGuideHtml on hidden characters', () => {
  const PAYLOAD = '\u202eevil a\u200bb \u001b[31mred';
  const SHOWN = '\\u{202e}evil a\\u{200b}b \\u{1b}[31mred';
  /** What the page must never hold raw, line feeds and tabs of <pre> blocks aside. */
  const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

  function hostileRender(): string {
    const hostile = describeImagesFinding(rule, { userAgent: `ua ${PAYLOAD}` }).finding;
    return renderGuideHtml({ ...PAGE,
      rule: { ...rule, name: `Name ${PAYLOAD}`, description: `Line one ${PAYLOAD}\nline two`,
        query: `event.action: "${PAYLOAD}"`, tags: [`Tag ${PAYLOAD}`], author: [PAYLOAD],
        falsePositives: [`fp ${PAYLOAD}`], note: `Guide ${PAYLOAD}` },
      finding: { ...hostile, eventId: `id${PAYLOAD}`,
        fields: { ...hostile.fields, [`field${PAYLOAD}`]: `value${PAYLOAD}` },
        explanation: [{ clause: `clause${PAYLOAD}`, field: `field${PAYLOAD}`, matched: true,
          negated: false, value: `value${PAYLOAD}`, rawPath: `raw${PAYLOAD}` }],
        suppressedBy: { id: `exc${PAYLOAD}`, comment: `comment${PAYLOAD}` } },
      // raw, as a damaged log may hold them: JSON.stringify would escape the ESC itself
      eventText: `{"userAgent":"${PAYLOAD}","note":"x\u2028y"}`,
      documentLabel: `log${PAYLOAD}.json`, notice: `notice ${PAYLOAD}` });
  }

  void it('shows every rule and log text with its hidden characters as escapes', () => {
    const html = hostileRender();

    for (const expected of [`<h1>Name ${SHOWN}</h1>`, `<title>Guide: Name ${SHOWN}</title>`,
      `Line one ${SHOWN}\nline two`, `event.action: &quot;${SHOWN}&quot;`, `Tag ${SHOWN}`,
      `Authors: ${SHOWN}`, `<li>fp ${SHOWN}</li>`, `Guide ${SHOWN}`, `eventID <code>id${SHOWN}`,
      `in log${SHOWN}.json`, `notice ${SHOWN}`, `<code>field${SHOWN}</code>`,
      `<code class="value">value${SHOWN}</code>`, `<code>clause${SHOWN}</code>`,
      `from <code>raw${SHOWN}</code>`, `title="comment${SHOWN}"`, `exception exc${SHOWN}`,
      `<code class="value">ua ${SHOWN}</code>`,
      `&quot;userAgent&quot;: &quot;${SHOWN}&quot;`, '&quot;note&quot;: &quot;x\\u{2028}y&quot;']) {
      assert.ok(html.includes(expected), expected);
    }
    // data-field is data the page posts back, never shown: it is checked in the next test
    assert.doesNotMatch(html.replace(/ data-field="[^"]*"/g, '').replace(/[\n\t]/g, ''), HIDDEN);
  });

  void it('keeps the field name exact where the page posts it back to the extension', () => {
    const html = hostileRender();

    assert.ok(html.includes(`data-field="field${PAYLOAD}"`));
  });

  void it('cuts a long value and a huge event between characters, never inside an emoji', () => {
    for (const pad of [0, 1]) {
      const value = `${'x'.repeat(3_990 + pad)}${'😀'.repeat(20)}`;
      const eventText = `{"a":"${'y'.repeat(499_990 + pad)}${'😀'.repeat(20)}"}`;
      const finding = { ...fixture.finding, fields: { 'user.name': value } };

      const html = render({ finding, eventText });
      const shownValue = /<code class="value">(x+[^<]*)<\/code>/.exec(html)![1];
      const shownEvent = /<pre><code>([^<]*)<\/code><\/pre>/.exec(html)![1];

      assert.ok(shownValue.endsWith('😀\u2026'), `${pad}`);
      assert.doesNotMatch(shownValue, /\p{Cs}/u, `${pad}`);
      assert.ok(shownEvent.endsWith('😀'), `${pad}`);
      assert.doesNotMatch(shownEvent, /\p{Cs}/u, `${pad}`);
    }
  });
});

void describe('renderNoticeHtml', () => {
  void it('renders a bare page with the same CSP, script and escaping', () => {
    const html = renderNoticeHtml(PAGE, 'Rule not available', 'The rule <x> is not loaded.');
    assert.ok(html.includes('<meta http-equiv="Content-Security-Policy"'));
    assert.ok(html.includes('<h1>Rule not available</h1>'));
    assert.ok(html.includes('The rule &lt;x&gt; is not loaded.'));
    assert.ok(html.includes(`<script nonce="${PAGE.nonce}" src="${PAGE.scriptUri}"></script>`));
  });
});
