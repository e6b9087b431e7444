import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyRulePath, filterByTrust, isInside } from '../../../src/extension/rule-locations';

void describe('classifyRulePath', () => {
  void it('tells URIs, absolute, home and relative paths apart', () => {
    const actual = ['vscode-vfs://github/o/r/rules', 'file:///rules', '/etc/rules',
      'C:\\rules', 'c:/rules', '\\\\server\\share', '~/rules', '~', 'team/rules', './rules']
      .map(classifyRulePath);

    assert.deepEqual(actual, ['uri', 'uri', 'absolute', 'absolute', 'absolute', 'absolute',
      'home', 'home', 'relative', 'relative']);
  });
});

void describe('filterByTrust', () => {
  const folders = ['file:///work/project'];
  const paths = [
    { setting: 'rules', uri: 'file:///work/project/rules' },
    { setting: '/work/project', uri: 'file:///work/project' },
    { setting: '/work/project-other/rules', uri: 'file:///work/project-other/rules' },
    { setting: '~/rules', uri: 'file:///home/me/rules' },
  ];

  void it('reads every path in a trusted workspace', () => {
    const actual = filterByTrust(paths, true, folders);

    assert.deepEqual(actual, { accepted: paths, skipped: [] });
  });

  void it('skips rule files inside the workspace in Restricted Mode', () => {
    const actual = filterByTrust(paths, false, folders);

    assert.deepEqual(actual.skipped.map((p) => p.setting), ['rules', '/work/project']);
    assert.deepEqual(actual.accepted.map((p) => p.setting),
      ['/work/project-other/rules', '~/rules']);
  });
});

void describe('isInside', () => {
  void it('compares whole path segments', () => {
    assert.ok(isInside('file:///a/b/c.toml', 'file:///a/b'));
    assert.ok(isInside('file:///a/b/c.toml', 'file:///a/b/'));
    assert.equal(isInside('file:///a/bc/d.toml', 'file:///a/b'), false);
  });
});
