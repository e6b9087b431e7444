// The README in the VSIX (docs/extension-readme.md) is read inside the extension view, where only
// the packaged files exist: each relative link must name a file that .vscodeignore keeps, and
// the package script must pack this README rather than the developers' one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const README = 'docs/extension-readme.md';

void describe('the extension view README', () => {
  const text = readFileSync(path.join(ROOT, README), 'utf8');

  void it('is the one the package script packs', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as
      { scripts: { package: string } };
    assert.match(pkg.scripts.package, new RegExp(`--readme-path ${README}(\\s|$)`));
    assert.match(readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'),
      new RegExp(`^!${README}$`, 'm'));
  });

  void it('links only to files that are in the package', () => {
    const kept = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n')
      .filter((line) => line.startsWith('!')).map((line) => line.slice(1));
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1])
      .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'));

    assert.ok(links.length > 0, 'the README shows the screenshots');
    for (const link of links) {
      assert.ok(existsSync(path.join(ROOT, link)), `${link} exists`);
      assert.ok(kept.includes(link), `${link} is kept by .vscodeignore`);
    }
  });

  void it('sends the analyst to no developer-only step', () => {
    assert.doesNotMatch(text, /npm (ci|test|run)|\.\.\/shared|extensionDevelopmentPath/);
  });
});
