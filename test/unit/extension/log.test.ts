// The log channel quotes file names, URIs and rule text, and shows them as they are: every line
// must reach the channel with controls and bidi characters escaped, stacks keeping their lines.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { installVscodeStub } from './vscode-stub';

type LogModule = typeof import('../../../src/extension/log');

const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const written: { level: string; text: string }[] = [];
let logModule: LogModule;

void before(async () => {
  const channel = Object.fromEntries(['info', 'warn', 'debug', 'error'].map((level) =>
    [level, (text: string): void => { written.push({ level, text }); }]));
  installVscodeStub({
    window: { createOutputChannel: () => ({ ...channel, show: () => undefined,
      dispose: () => undefined }) },
  });
  logModule = await import('../../../src/extension/log');
});

void describe('ExtensionLog', () => {
  void it('writes every level with hidden characters escaped', () => {
    written.length = 0;
    const log = new logModule.ExtensionLog();
    const name = 'cloudtrail\u202Egz.json\u200b \u001b[2Jx';
    log.info(`analysing ${name}`);
    log.warn(`skipped ${name}`);
    log.debug(`read ${name}`);
    log.error(`failed ${name}`, new Error(`bad ${name}`));

    assert.deepEqual(written.map((w) => w.level), ['info', 'warn', 'debug', 'error', 'debug']);
    for (const { text } of written.slice(0, 4)) {
      assert.doesNotMatch(text, HIDDEN, JSON.stringify(text));
      assert.match(text, /cloudtrail\\u\{202e\}gz\.json\\u\{200b\} \\u\{1b\}\[2Jx/);
    }
  });

  void it('keeps the lines of a stack and escapes what is hidden inside them', () => {
    written.length = 0;
    const log = new logModule.ExtensionLog();
    log.error('failed', new Error('bad \u202Ename'));

    const stack = written.find((w) => w.level === 'debug')?.text ?? '';
    assert.ok(stack.split('\n').length > 2, stack);
    assert.doesNotMatch(stack.replace(/\n/g, ''), HIDDEN);
    assert.match(stack, /bad \\u\{202e\}name/);
  });
});
