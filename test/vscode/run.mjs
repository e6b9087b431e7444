// Runs the extension-host suite (test/vscode/suite/) in a real VS Code through
// @vscode/test-electron. Not part of `npm test`: run it with `npm run test:vscode` where VS Code
// is installed or can be downloaded (Linux also needs a display: `xvfb-run -a npm run test:vscode`).
//
// VS Code comes from, in this order: VSCODE_EXECUTABLE_PATH; a copy cached in .vscode-test/;
// a download of VSCODE_TEST_VERSION (default: the oldest version package.json supports) from
// update.code.visualstudio.com. On machines that cannot reach that server (the project's
// build machines reach only the npm registry and Debian), the suite prints
// "skipped: VS Code cannot be downloaded here" and exits 0. Every other failure exits 1.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { download, runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suiteDir = path.join(root, 'test', 'vscode', 'suite');
const outDir = path.join(root, 'out', 'vscode-test');
const version = process.env.VSCODE_TEST_VERSION ?? '1.90.2';

// error codes that mean "the download server is out of reach", not "something is broken"
const UNREACHABLE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET',
  'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED', 'CERT_HAS_EXPIRED',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN']);

/** True when an error of the download says the server cannot be reached from here. */
function isUnreachable(error) {
  if (error === 'Failed to get JSON') return true; // test-electron rejects with this string
  if (typeof error !== 'object' || error === null) return false;
  if (UNREACHABLE_CODES.has(error.code) || error.name === 'TimeoutError') return true;
  if (/status code (403|407|429|5\d\d)|getaddrinfo|socket hang up/i.test(error.message ?? '')) {
    return true;
  }
  return error.cause !== undefined && isUnreachable(error.cause);
}

/** Bundles the suite: index.js (the entry VS Code calls) and one file per *.test.ts. */
async function buildSuite() {
  rmSync(outDir, { recursive: true, force: true });
  const entries = readdirSync(suiteDir)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => path.join(suiteDir, name));
  await build({
    entryPoints: entries, outdir: outDir, bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', sourcemap: true, external: ['vscode', 'mocha'], logLevel: 'warning',
  });
}

/** Finds or downloads VS Code; returns undefined when it cannot be obtained here. */
async function vscodeExecutable() {
  const given = process.env.VSCODE_EXECUTABLE_PATH;
  if (given) {
    if (!existsSync(given)) throw new Error(`VSCODE_EXECUTABLE_PATH does not exist: ${given}`);
    return given;
  }

  // the reporter sees the real cause when test-electron retries and then gives up
  const seen = [];
  const reporter = { report() {}, error(error) { seen.push(error); } };
  try {
    return await download({ version, cachePath: path.join(root, '.vscode-test'), reporter,
      timeout: 20_000 });
  } catch (error) {
    if (isUnreachable(error) || (seen.length > 0 && seen.every(isUnreachable))) {
      const reason = error?.message ?? String(error);
      console.log(`skipped: VS Code cannot be downloaded here (${reason}). ` +
        'The extension-host suite needs VS Code; see test/vscode/README.md.');
      return undefined;
    }
    throw error;
  }
}

async function main() {
  // compile first: a suite that does not build is a failure wherever it runs
  await buildSuite();

  const executable = await vscodeExecutable();
  if (executable === undefined) return;

  if (!existsSync(path.join(root, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` first');
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error('VS Code needs a display: run `xvfb-run -a npm run test:vscode`');
  }

  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(outDir, 'index.js'),
    launchArgs: [path.join(root, 'samples'), '--disable-extensions', '--skip-welcome',
      '--skip-release-notes'],
  });
}

main().catch((error) => {
  console.error(`VS Code tests failed: ${error?.message ?? error}`);
  process.exitCode = 1;
});
