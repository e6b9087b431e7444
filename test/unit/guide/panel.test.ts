import { afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Rule, Span } from '../../../src/core/types';
import type { GuideHost } from '../../../src/extension/guide/guide-types';
import { type FakePanel, FakeUri, fake, installVscodeStub, vscodeStub } from './fake-vscode';
import { DEPRECATED_AMI_RULE, describeImagesFinding, loadRule } from './guide-fixtures';

type PanelModule = typeof import('../../../src/extension/guide/panel');

const rule = loadRule(DEPRECATED_AMI_RULE);
const fixture = describeImagesFinding(rule);
const DOCUMENT = 'file:///logs/trail.json';

// Two findings of the rule around one of another rule, in one document.
const second: Finding = { ...fixture.finding, eventId: 'second-event', span: { start: 5, end: 9 } };
const other: Finding = { ...fixture.finding, ruleId: 'other-rule', eventId: 'other' };

interface RecordingHost extends GuideHost {
  revealed: { uri: string; span: Span }[];
  opened: string[];
  logged: string[];
  rules: Map<string, Rule>;
  findings: Finding[];
}

function host(): RecordingHost {
  const logged: string[] = [];
  const record = (level: string) => (message: string) => { logged.push(`${level}: ${message}`); };
  const recording: RecordingHost = {
    revealed: [],
    opened: [],
    logged,
    rules: new Map([[rule.id, rule]]),
    findings: [fixture.finding, other, second],
    findRule: (id) => recording.rules.get(id),
    findingsOf: (uri) => (uri === DOCUMENT ? recording.findings : []),
    documentText: (uri) => (uri === DOCUMENT ? fixture.documentText : undefined),
    reveal: (uri, span) => { recording.revealed.push({ uri, span }); return Promise.resolve(); },
    openExternal: (url) => { recording.opened.push(url); return Promise.resolve(); },
    log: { info: record('info'), warn: record('warn'), error: record('error'),
      debug: record('debug'), trace: record('trace') } as unknown as GuideHost['log'],
  };
  return recording;
}

const context = { extensionUri: new FakeUri('file', '/ext') } as never;

let GuidePanel: PanelModule['GuidePanel'];

void before(async () => {
  installVscodeStub();
  ({ GuidePanel } = await import('../../../src/extension/guide/panel'));
});

afterEach(() => {
  for (const panel of fake.panels) panel.dispose();
  fake.panels.length = 0;
  fake.warnings.length = 0;
  fake.settings.clear();
});

function open(recording: RecordingHost, findingIndex = 0): FakePanel {
  GuidePanel.show(context, recording, { ruleId: rule.id, documentUri: DOCUMENT, findingIndex });
  return fake.panels.at(-1)!;
}

void describe('GuidePanel', () => {
  void it('opens one webview with scripts on and only the media folder readable', () => {
    const panel = open(host());
    assert.equal(GuidePanel.viewType, 'cloudtrailLens.guide');
    assert.equal(panel.viewType, 'cloudtrailLens.guide');
    assert.equal(panel.title, 'Guide: AWS EC2 Deprecated AMI Discovery');

    const options = panel.webview.options;
    assert.equal(options.enableScripts, true);
    assert.equal(options.retainContextWhenHidden, false);
    assert.deepEqual((options.localResourceRoots as FakeUri[]).map(String), ['file:///ext/media']);
  });

  void it('renders the finding with a fresh nonce and the webview URIs of the media files', () => {
    const panel = open(host());
    const html = panel.webview.html;
    const nonce = /script-src &#39;nonce-([A-Za-z0-9+/=]+)&#39;/.exec(html)![1];
    assert.equal(Buffer.from(nonce, 'base64').length, 18);
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://webview/ext/media/guide.js">`));
    assert.ok(html.includes('<strong>Finding 1 of 2</strong>'));
    assert.ok(html.includes('<span>in trail.json</span>'));
    assert.ok(html.includes('&quot;eventName&quot;: &quot;DescribeImages&quot;'));

    GuidePanel.refresh();
    const again = /nonce-([A-Za-z0-9+/=]+)/.exec(panel.webview.html)![1];
    assert.notEqual(again, nonce);
  });

  void it('reuses the open panel and reveals it again', () => {
    const recording = host();
    const panel = open(recording);
    GuidePanel.show(context, recording, { ruleId: rule.id });
    assert.equal(fake.panels.length, 1);
    assert.equal(panel.reveals, 1);
    assert.ok(!panel.webview.html.includes('finding-bar'), 'the new target has no finding');
  });

  void it('reveals a field, a clause and the event at the current finding\'s spans', async () => {
    const recording = host();
    const panel = open(recording);
    await panel.post({ type: 'reveal', kind: 'field', field: 'aws.cloudtrail.user_identity.arn' });
    await panel.post({ type: 'reveal', kind: 'clause', index: 2 });
    await panel.post({ type: 'reveal', kind: 'event' });

    const texts = recording.revealed.map(({ uri, span }) =>
      `${uri} ${fixture.documentText.slice(span.start, span.end)}`);
    assert.deepEqual(texts, [`${DOCUMENT} "arn:aws:iam::111122223333:user/ami-auditor"`,
      `${DOCUMENT} "DescribeImages"`, `${DOCUMENT} "DescribeImages"`]);
  });

  void it('ignores malformed messages and requests for things without a position', async () => {
    const recording = host();
    const panel = open(recording);
    await panel.post({ type: 'reveal', kind: 'field', field: 'x', extra: 1 });
    await panel.post({ type: 'reveal', kind: 'span', start: 0, end: 10 });
    await panel.post({ type: 'reveal', kind: 'field', field: 'event.outcome' });
    assert.deepEqual(recording.revealed, []);
    assert.equal(recording.logged.filter((line) => line.startsWith('warn')).length, 2);
  });

  void it('opens https links after its own check, and refuses others with a warning', async () => {
    const recording = host();
    const panel = open(recording);
    await panel.post({ type: 'openLink', url: 'https://attack.mitre.org/tactics/TA0007/' });
    await panel.post({ type: 'openLink', url: 'javascript:alert(1)' });
    await panel.post({ type: 'openLink', url: 'http://example.com/' });
    assert.deepEqual(recording.opened, ['https://attack.mitre.org/tactics/TA0007/']);
    assert.equal(fake.warnings.length, 2);

    fake.settings.set('cloudtrailLens.links.allowHttp', true);
    await panel.post({ type: 'openLink', url: 'http://example.com/' });
    assert.deepEqual(recording.opened.at(-1), 'http://example.com/');
  });

  void it('steps to the next finding of the same rule, skipping others, and shows it', async () => {
    const recording = host();
    const panel = open(recording);
    await panel.post({ type: 'navigate', direction: 'next' });

    assert.ok(panel.webview.html.includes('<strong>Finding 2 of 2</strong>'));
    assert.ok(panel.webview.html.includes('<code>second-event</code>'));
    assert.match(panel.webview.html, /data-state="[^"]*&quot;findingIndex&quot;:2/);
    assert.deepEqual(recording.revealed, [{ uri: DOCUMENT, span: second.span }]);

    await panel.post({ type: 'navigate', direction: 'next' });
    assert.equal(recording.revealed.length, 1, 'no finding after the last one');
  });

  void it('follows its finding when the document\'s findings are recomputed', () => {
    const recording = host();
    const panel = open(recording, 2);
    recording.findings = [second, fixture.finding];
    GuidePanel.refresh();
    assert.match(panel.webview.html, /data-state="[^"]*&quot;findingIndex&quot;:0/);
    assert.ok(panel.webview.html.includes('<code>second-event</code>'));

    recording.findings = [];
    GuidePanel.refresh();
    assert.ok(panel.webview.html.includes('The finding is no longer available'));
  });

  void it('restores a panel from its saved state and catches up once the rule loads', async () => {
    const recording = host();
    recording.rules.clear();
    const registration = GuidePanel.registerSerializer(context, recording);
    const serializer = fake.serializers.get('cloudtrailLens.guide')!;

    const restored = vscodeStubPanel();
    await serializer.deserializeWebviewPanel(restored,
      { ruleId: rule.id, documentUri: DOCUMENT, findingIndex: 0, scrollY: 300 });
    assert.equal(restored.webview.options.enableScripts, true);
    assert.ok(restored.webview.html.includes('<h1>Rule not available</h1>'));

    recording.rules.set(rule.id, rule);
    restored.viewStateEmitter.fire({});
    assert.equal(restored.title, 'Guide: AWS EC2 Deprecated AMI Discovery');
    assert.ok(restored.webview.html.includes('<strong>Finding 1 of 2</strong>'));

    registration.dispose();
    assert.equal(fake.serializers.size, 0);
  });

  void it('closes a restored panel whose saved state is not usable', async () => {
    const recording = host();
    GuidePanel.registerSerializer(context, recording);
    const restored = vscodeStubPanel();
    await fake.serializers.get('cloudtrailLens.guide')!.deserializeWebviewPanel(restored,
      { ruleId: 42 });
    assert.equal(restored.disposed, true);
    assert.equal(restored.htmlHistory.length, 0);
  });

  void it('drops its listeners when closed, and the next show opens a new panel', async () => {
    const recording = host();
    const panel = open(recording);
    panel.dispose();
    assert.equal(panel.messageEmitter.listeners.length, 0);
    assert.equal(panel.viewStateEmitter.listeners.length, 0);

    await panel.post({ type: 'reveal', kind: 'event' });
    assert.deepEqual(recording.revealed, []);
    open(recording);
    assert.equal(fake.panels.length, 2);
  });
});

/** A panel as VS Code hands one to a serializer after a reload. */
function vscodeStubPanel(): FakePanel {
  return vscodeStub.window.createWebviewPanel('cloudtrailLens.guide', 'Guide', {}, {});
}
