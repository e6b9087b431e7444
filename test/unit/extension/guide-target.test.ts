import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { parseGuideTarget } from '../../../src/extension/guide/messages';
import { commandUri, guideCommandUri } from '../../../src/extension/guide-target';

/** Decodes a command URI's arguments the way VS Code's command link handler does. */
function argsOf(uri: string): unknown {
  return JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1)));
}

void describe('guideCommandUri', () => {
  void it('round-trips a target through the URI and the guide\'s validation', () => {
    const target = { ruleId: 'r-1', documentUri: 'file:///a%20b/trail (1).json',
      findingIndex: 3 };

    const uri = guideCommandUri(target);

    assert.ok(uri.startsWith('command:cloudtrailLens.openGuide?'));
    const [arg] = argsOf(uri) as unknown[];
    assert.deepEqual(parseGuideTarget(arg), target);
  });

  void it('survives as one Markdown link destination, whatever the rule id holds', () => {
    const uri = guideCommandUri({ ruleId: 'x) [y](command:evil' });
    const html = new MarkdownIt().renderInline(`[open](${uri})`);

    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    assert.equal(hrefs.length, 1);
    assert.equal(hrefs[0], uri);
    const [arg] = argsOf(hrefs[0]) as { ruleId: string }[];
    assert.equal(arg.ruleId, 'x) [y](command:evil');
  });
});

void describe('commandUri', () => {
  void it('leaves out the query when there are no arguments', () => {
    assert.equal(commandUri('cloudtrailLens.findings.focus'),
      'command:cloudtrailLens.findings.focus');
  });
});
