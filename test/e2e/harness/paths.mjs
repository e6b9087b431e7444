// Where the harness finds its inputs; every path can be overridden from the environment so that
// CI (a fresh clone in another folder) and a developer's tree resolve the same way.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(E2E_DIR, '..', '..');
export const WORK_DIR = path.join(E2E_DIR, '.work');
// Committed screenshots are refreshed only on request, so a test run leaves the tree clean.
export const SCREENSHOT_DIR = process.env.CTL_UPDATE_SCREENSHOTS === '1'
  ? path.join(E2E_DIR, 'screenshots')
  : path.join(WORK_DIR, 'screenshots');

// The event every sample must contain: the rule below flags it.
export const FLAGGED_EVENT_NAME = 'DescribeImages';
export const RULE_NAME = 'AWS EC2 Deprecated AMI Discovery';

// The packaged extension under test (`npm run package` in the repository root writes it).
export function vsixPath() {
  return path.resolve(process.env.CTL_VSIX ?? path.join(REPO_ROOT, 'cloudtrail-lens.vsix'));
}

// Node 24 from the `node` package: code-server 4.139 refuses older majors.
export function node24Path() {
  return path.resolve(process.env.CTL_NODE24 ?? path.join(E2E_DIR, 'node_modules/node/bin/node'));
}

// code-server's entry point, run with node24Path() rather than through its shebang.
export function codeServerEntry() {
  return path.join(E2E_DIR, 'node_modules/code-server/out/node/entry.js');
}

// Debian's Chromium; Playwright's own browser download cannot work on these machines.
export function chromiumPath() {
  return process.env.CTL_CHROMIUM ?? '/usr/bin/chromium';
}

// The sample the tests open, and the folder copied into the workspace with it: the records-layout
// sample holding the DescribeImages events the rule flags, unless CTL_SAMPLE names another.
export function sampleSource() {
  const file = path.resolve(process.env.CTL_SAMPLE ??
    path.join(REPO_ROOT, 'samples', 's3-delivery-pretty.json'));
  if (!fs.existsSync(file)) throw new Error(`sample not found: ${file} (set CTL_SAMPLE)`);

  return { dir: path.dirname(file), file: path.basename(file) };
}

// Ensures dir exists and returns it.
export function ensureDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
