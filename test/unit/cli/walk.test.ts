// Which paths the CLI reads: regular files and links to them, named or found by a directory
// walk. A FIFO, a device or a link loop is refused at once with exit 2 and a message naming it,
// never opened (reading /dev/zero never ends, and reading a FIFO blocks until a writer comes).
// The cases that blocked run the CLI in a child process with a time limit, so that a regression
// fails instead of hanging the suite.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { expandPaths, regularFileProblem } from '../../../src/cli/walk';
import { inScratch, ROOT, runCli, SAMPLES } from './run-cli';

const MAIN = path.join(ROOT, 'src/cli/main.ts');
const EVENT = path.join(SAMPLES, 'single-event.json');

/** Runs the CLI from its sources in a child process, killed after 60 seconds. */
function spawnCli(args: string[]): { status: number | null; signal: string | null;
  stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, signal: result.signal, stdout: result.stdout,
    stderr: result.stderr };
}

/** Makes a FIFO with the system's mkfifo (Node has no call for it). */
function mkfifo(file: string): void {
  const result = spawnSync('mkfifo', [file], { encoding: 'utf8' });
  assert.equal(result.status, 0, `mkfifo: ${result.stderr}`);
}

void describe('cloudtrail-lens scan: paths that are not regular files', () => {
  void it('refuses /dev/zero with exit 2 and a message naming it, without reading it', () => {
    const actual = spawnCli(['scan', '/dev/zero']);

    assert.equal(actual.signal, null, 'the CLI had to be killed');
    assert.equal(actual.status, 2);
    assert.equal(actual.stdout, '');
    assert.equal(actual.stderr,
      'cloudtrail-lens: not a regular file or directory (a character device): /dev/zero\n');
  });

  void it('refuses a FIFO named on the command line instead of waiting for a writer', () => {
    inScratch((dir) => {
      const fifo = path.join(dir, 'pipe.json');
      mkfifo(fifo);

      const actual = spawnCli(['scan', fifo, EVENT]);

      assert.equal(actual.signal, null, 'the CLI had to be killed');
      assert.equal(actual.status, 2);
      assert.equal(actual.stdout, '');
      assert.match(actual.stderr, /not a regular file or directory \(a FIFO\): .*pipe\.json\n$/);
    });
  });

  void it('refuses a device or FIFO given as a rule file', () => {
    inScratch((dir) => {
      const actual = spawnCli(['scan', '--rules', '/dev/zero', EVENT]);
      mkdirSync(path.join(dir, 'rules'));
      mkfifo(path.join(dir, 'rules', 'a.toml'));

      const walked = runCli(['scan', '--rules', path.join(dir, 'rules'), EVENT]);

      assert.equal(actual.signal, null, 'the CLI had to be killed');
      assert.equal(actual.status, 2);
      assert.match(actual.stderr, /not a regular file or directory \(a character device\)/);
      assert.equal(walked.status, 2);
      assert.match(walked.stderr, /not a regular file or directory \(a FIFO\): .*a\.toml\n/);
    });
  });

  void it('refuses a FIFO with a scanned name found by a directory walk', () => {
    inScratch((dir) => {
      copyFileSync(EVENT, path.join(dir, 'a.json'));
      mkfifo(path.join(dir, 'b.json'));

      const actual = runCli(['scan', dir]);

      assert.equal(actual.status, 2);
      assert.equal(actual.stdout, '');
      assert.equal(actual.stderr, 'cloudtrail-lens: not a regular file or directory (a FIFO): '
        + `${path.join(dir, 'b.json')}\n`);
    });
  });

  void it('leaves out a FIFO whose name a walk would not pick up', () => {
    inScratch((dir) => {
      copyFileSync(EVENT, path.join(dir, 'a.json'));
      mkfifo(path.join(dir, 'pipe'));

      assert.deepEqual(expandPaths([dir]), [path.join(dir, 'a.json')]);
    });
  });

  void it('shows hidden characters of a refused path as escapes', () => {
    inScratch((dir) => {
      mkfifo(path.join(dir, 'p\u202e\u001b[2J\n.json'));

      const actual = runCli(['scan', dir]);

      assert.equal(actual.status, 2);
      assert.ok(actual.stderr.endsWith('p\\u{202e}\\u{1b}[2J\\u{a}.json\n'), actual.stderr);
    });
  });
});

void describe('cloudtrail-lens scan: symbolic links', () => {
  void it('scans a link to a regular file, named or found by a walk', () => {
    inScratch((dir) => {
      mkdirSync(path.join(dir, 'logs'));
      symlinkSync(EVENT, path.join(dir, 'logs', 'linked.json'));

      const named = runCli(['scan', path.join(dir, 'logs', 'linked.json')]);
      const walked = runCli(['scan', path.join(dir, 'logs')]);

      for (const actual of [named, walked]) {
        assert.equal(actual.status, 0, actual.stderr);
        assert.match(actual.stdout, /linked\.json:\d+:\d+: low /);
        assert.match(actual.stdout, /1 finding\(s\) in 1 event\(s\) of 1 file\(s\)\n$/);
      }
    });
  });

  void it('fails at once on a link loop, named or found by a walk', () => {
    inScratch((dir) => {
      symlinkSync(path.join(dir, 'b.json'), path.join(dir, 'a.json'));
      symlinkSync(path.join(dir, 'a.json'), path.join(dir, 'b.json'));

      const named = runCli(['scan', path.join(dir, 'a.json')]);
      const walked = runCli(['scan', dir]);

      assert.equal(named.status, 2);
      assert.equal(named.stderr, 'cloudtrail-lens: too many levels of symbolic links (a link '
        + `loop): ${path.join(dir, 'a.json')}\n`);
      assert.equal(walked.status, 2);
      assert.match(walked.stderr, /a link loop\): .*a\.json\n$/);
    });
  });

  void it('does not follow a link to a directory, so a link to an ancestor cannot loop', () => {
    inScratch((dir) => {
      mkdirSync(path.join(dir, 'logs'));
      copyFileSync(EVENT, path.join(dir, 'logs', 'a.json'));
      symlinkSync(dir, path.join(dir, 'logs', 'up'));
      symlinkSync(dir, path.join(dir, 'logs', 'up.json'));

      assert.deepEqual(expandPaths([dir]), [path.join(dir, 'logs', 'a.json')]);
    });
  });

  void it('names a dangling link that has a scanned name', () => {
    inScratch((dir) => {
      symlinkSync(path.join(dir, 'gone.json'), path.join(dir, 'dangling.json'));

      const actual = runCli(['scan', dir]);

      assert.equal(actual.status, 2);
      assert.equal(actual.stderr, 'cloudtrail-lens: no such file or directory: '
        + `${path.join(dir, 'dangling.json')}\n`);
    });
  });
});

void describe('regularFileProblem', () => {
  void it('accepts a regular file and a link to one, and names what anything else is', () => {
    inScratch((dir) => {
      symlinkSync(EVENT, path.join(dir, 'link.json'));
      mkfifo(path.join(dir, 'fifo'));

      assert.equal(regularFileProblem(EVENT), undefined);
      assert.equal(regularFileProblem(path.join(dir, 'link.json')), undefined);
      assert.equal(regularFileProblem('/dev/zero'), 'not a regular file (a character device)');
      assert.equal(regularFileProblem(path.join(dir, 'fifo')), 'not a regular file (a FIFO)');
      assert.equal(regularFileProblem(dir), 'not a regular file (a directory)');
      assert.equal(regularFileProblem(path.join(dir, 'none')), 'no such file or directory');
    });
  });
});
