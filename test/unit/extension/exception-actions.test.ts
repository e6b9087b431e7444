import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createExceptionMatcher, parseExceptionsFile, planExceptionInsertion,
} from '../../../src/core/exceptions';
import { fieldTypeOf } from '../../../src/core/ecs';
import {
  EXCEPTION_ACTION_TITLES, defaultComment, exceptionActionsFor, expiryOf, newExceptionItem,
  parseAddExceptionArgs, resolveAuthor, rulePickItems, rulesOfEvent, validateComment,
} from '../../../src/extension/exception-actions';
import { makeFinding } from './finding-fixture';
import { RULE_LIST, positiveText, scan } from './real-scan';

const NOW = new Date('2026-12-01T09:30:00.000Z');

/** Applies an edit planned by the core to a text. */
function apply(text: string, edit: { offset: number; length: number; text: string }): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}

void describe('exceptionActionsFor', () => {
  void it('offers user, access key, user agent and source address with the exact titles', () => {
    const [finding] = scan(positiveText()).findings;

    const actual = exceptionActionsFor(finding).map((a) => a.title);

    assert.deepEqual(actual, [
      'Add exception for this user',
      'Add exception for this access key',
      'Add exception for this user agent',
      'Add exception for this source address',
    ]);
  });

  void it('offers only the candidates the event has a value for', () => {
    const finding = makeFinding(0);

    const actual = exceptionActionsFor(finding).map((a) => a.kind);

    assert.deepEqual(actual, ['user', 'source']);
    assert.deepEqual(exceptionActionsFor(makeFinding(0, { fields: {} })), []);
  });

  void it('keys each item on the field the engine indexed for that candidate', () => {
    const [stratus, alice] = scan(positiveText()).findings;

    const entries = (finding: typeof stratus) => Object.fromEntries(
      exceptionActionsFor(finding).map((a) => [a.kind, a.candidate.entries]));

    assert.deepEqual(entries(alice).user, [{ field: 'user.name', operator: 'is', value: 'Alice' }]);
    assert.deepEqual(entries(alice).source,
      [{ field: 'source.ip', operator: 'is', value: '205.251.233.176' }]);
    // Stratus rewrote this address into a value that is not an IP: only source.address has it
    assert.deepEqual(entries(stratus).source,
      [{ field: 'source.address', operator: 'is', value: '255.18.064.253' }]);
    assert.deepEqual(entries(stratus)['access-key'], [{
      field: 'aws.cloudtrail.user_identity.access_key_id', operator: 'is',
      value: 'ASIA4URVX2JM5MT0ZGK8' }]);
  });

  void it('has a title for every offered kind and no two alike', () => {
    const titles = Object.values(EXCEPTION_ACTION_TITLES);

    assert.equal(new Set(titles).size, titles.length);
    assert.ok(titles.every((t) => t.startsWith('Add exception for this ')));
  });
});

void describe('the added item, end to end through the engine', () => {
  void it('suppresses the chosen user\'s event and leaves the other caller flagged', () => {
    const text = positiveText();
    const before = scan(text);
    const alice = before.findings.find((f) => f.fields['user.name'] === 'Alice')!;
    const action = exceptionActionsFor(alice).find((a) => a.kind === 'user')!;

    const item = newExceptionItem(action, undefined, { comment: defaultComment(action),
      author: 'analyst', now: NOW, expiryDays: 0 });
    const fileText = apply('', planExceptionInsertion('', alice.ruleId, item));
    const parsed = parseExceptionsFile(fileText, 'exceptions.json',
      { fieldTypeOf, knownRuleIds: new Set(RULE_LIST.map((r) => r.id)) });
    const after = scan(text, createExceptionMatcher(parsed.file, NOW));

    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(after.findings.map((f) => f.fields['user.name']),
      ['stratus-red-team-get-usr-data-role']);
    assert.equal(after.suppressed.length, 1);
    assert.deepEqual(after.suppressed[0].suppressedBy,
      { id: 'exc-1', comment: 'Expected activity of user Alice' });
  });

  void it('stops suppressing once the configured expiry has passed', () => {
    const text = positiveText();
    const [stratus] = scan(text).findings;
    const action = exceptionActionsFor(stratus).find((a) => a.kind === 'user-agent')!;
    const item = newExceptionItem(action, undefined, { comment: 'Red-team exercise',
      author: 'analyst', now: NOW, expiryDays: 7 });
    const parsed = parseExceptionsFile(apply('', planExceptionInsertion('', stratus.ruleId, item)),
      'exceptions.json');

    const during = scan(text, createExceptionMatcher(parsed.file, new Date('2026-12-05T00:00Z')));
    const after = scan(text, createExceptionMatcher(parsed.file, new Date('2026-12-09T00:00Z')));

    assert.equal(item.expires, '2026-12-08T09:30:00.000Z');
    assert.equal(during.suppressed.length, 1);
    assert.equal(after.suppressed.length, 0);
    assert.equal(after.findings.length, 2);
  });
});

void describe('newExceptionItem', () => {
  void it('takes the next free id of the file and records comment, author and creation', () => {
    const action = exceptionActionsFor(makeFinding(1))[0];
    const existing = parseExceptionsFile(JSON.stringify({ version: 1, exceptions: { r: [
      { id: 'exc-4', comment: 'c', author: 'a', created: '2026-01-01',
        entries: [{ field: 'user.name', operator: 'is', value: 'x' }] }] } }), 'f').file;

    const actual = newExceptionItem(action, existing, { comment: 'Nightly job', author: 'ops',
      now: NOW, expiryDays: 0 });

    assert.deepEqual(actual, { id: 'exc-5', comment: 'Nightly job', author: 'ops',
      created: '2026-12-01T09:30:00.000Z',
      entries: [{ field: 'user.name', operator: 'is', value: 'bob' }] });
  });
});

void describe('parseAddExceptionArgs', () => {
  void it('accepts the arguments the code action passes, with an optional comment', () => {
    assert.deepEqual(parseAddExceptionArgs({ documentUri: 'file:///a.json', findingIndex: 2,
      kind: 'access-key' }), { documentUri: 'file:///a.json', findingIndex: 2,
      kind: 'access-key' });
    assert.deepEqual(parseAddExceptionArgs({ documentUri: 'u', findingIndex: 0, kind: 'user',
      comment: '  CI runner  ' }), { documentUri: 'u', findingIndex: 0, kind: 'user',
      comment: 'CI runner' });
  });

  void it('refuses anything else', () => {
    for (const value of [undefined, 'user', { documentUri: 'u', findingIndex: -1, kind: 'user' },
      { documentUri: 'u', findingIndex: 1.5, kind: 'user' },
      { documentUri: 'u', findingIndex: 0, kind: 'principal' },
      { documentUri: 3, findingIndex: 0, kind: 'user' },
      { documentUri: 'u', findingIndex: 0, kind: 'user', comment: '  ' }]) {
      assert.equal(parseAddExceptionArgs(value), undefined, JSON.stringify(value));
    }
  });
});

void describe('defaultComment and validateComment', () => {
  void it('starts the input box with a comment that passes the check as it is', () => {
    const [action] = exceptionActionsFor(makeFinding(0));

    const actual = defaultComment(action);

    assert.equal(actual, 'Expected activity of user alice');
    assert.equal(validateComment(actual), undefined);
  });

  void it('shortens a long user agent and keeps it on one line', () => {
    const finding = makeFinding(0, { fields: { 'user_agent.original':
      `aws-cli/2.15.0 ${'x'.repeat(200)}\nsecond line` } });
    const action = exceptionActionsFor(finding).find((a) => a.kind === 'user-agent')!;

    const actual = defaultComment(action);

    assert.ok(actual.startsWith('Expected activity of user agent aws-cli/2.15.0 x'));
    assert.ok(actual.endsWith('\u2026'));
    assert.ok(!actual.includes('\n'));
    assert.ok(actual.length < 120);
  });

  void it('shows hidden characters of the value as escapes, in the box and the saved comment',
    () => {
      const finding = makeFinding(0, { fields: {
        'user.name': '\u202eevil a\u200bb \u001b[31mred' } });
      const action = exceptionActionsFor(finding).find((a) => a.kind === 'user')!;

      const actual = defaultComment(action);

      assert.equal(actual,
        'Expected activity of user \\u{202e}evil a\\u{200b}b \\u{1b}[31mred');
      assert.deepEqual(action.candidate.entries[0].value, '\u202eevil a\u200bb \u001b[31mred',
        'the item matches the exact value');
    });

  void it('never cuts an emoji of a long value in half', () => {
    for (let pad = 0; pad < 4; pad++) {
      const agent = `${'x'.repeat(60 + pad)}${'😀'.repeat(20)}`;
      const finding = makeFinding(0, { fields: { 'user_agent.original': agent } });
      const action = exceptionActionsFor(finding).find((a) => a.kind === 'user-agent')!;

      const actual = defaultComment(action);

      assert.ok(actual.endsWith('\u2026'), actual);
      assert.doesNotMatch(actual, /\p{Cs}/u, `${pad}`);
      assert.ok(actual.includes('😀'), `${pad}`);
    }
  });

  void it('refuses an empty or blank comment', () => {
    assert.match(validateComment('') ?? '', /comment is required/);
    assert.match(validateComment(' \t ') ?? '', /comment is required/);
  });
});

void describe('rulesOfEvent', () => {
  void it('lists each rule flagging the event once, most severe first', () => {
    const high = makeFinding(0, { ruleId: 'r-high', ruleName: 'AMI Shared', severity: 'high',
      riskScore: 73 });
    const findings = [makeFinding(0), makeFinding(1), high, { ...high }];

    assert.deepEqual(rulesOfEvent(findings, 0), [
      { ruleId: 'r-high', ruleName: 'AMI Shared' },
      { ruleId: '264c641e-c202-11ef-993e-f661ea17fbce',
        ruleName: 'AWS EC2 Deprecated AMI Discovery' },
    ]);
    assert.equal(rulesOfEvent(findings, 1).length, 1);
    assert.deepEqual(rulesOfEvent(findings, 9), []);
  });
});

void describe('rulePickItems', () => {
  void it('lists the rules picked, names and ids as shown text, ids kept exact', () => {
    const ruleId = 'r\u202eevil';
    const rules = [{ ruleId, ruleName: '$(zap) a\u200bb \u001b[31mred 😀' },
      { ruleId: 'r-2', ruleName: 'AMI Shared' }];

    assert.deepEqual(rulePickItems(rules), [
      { label: '$\u200b(zap) a\\u{200b}b \\u{1b}[31mred 😀', description: 'r\\u{202e}evil',
        picked: true, ruleId },
      { label: 'AMI Shared', description: 'r-2', picked: true, ruleId: 'r-2' },
    ]);
  });
});

void describe('resolveAuthor and expiryOf', () => {
  void it('prefers the setting, then the OS user, then "unknown"', () => {
    assert.equal(resolveAuthor(' sec-team ', () => 'root'), 'sec-team');
    assert.equal(resolveAuthor('', () => 'dana'), 'dana');
    assert.equal(resolveAuthor('', () => ''), 'unknown');
    assert.equal(resolveAuthor('', () => {
      throw new Error('no passwd entry');
    }), 'unknown');
  });

  void it('gives no expiry for 0 days and whole days otherwise', () => {
    assert.equal(expiryOf(NOW, 0), undefined);
    assert.equal(expiryOf(NOW, 30)?.toISOString(), '2026-12-31T09:30:00.000Z');
  });
});
