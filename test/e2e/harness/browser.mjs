// Debian's Chromium, headless, driven by playwright-core with a profile that lives in the run
// folder.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { chromiumPath, ensureDir } from './paths.mjs';
import { killTree, processTree, withTimeout } from './process-tree.mjs';

const LAUNCH_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 15_000;
export const ACTION_TIMEOUT_MS = 20_000;

// Flags seen to work on these machines: without the networking ones Chromium keeps dialling
// hosts that the closed network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Launches Chromium with a fresh profile under runDir and returns its context and one page.
export async function launchBrowser(runDir) {
  const profile = ensureDir(path.join(runDir, 'chromium-profile'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    timeout: LAUNCH_TIMEOUT_MS,
  });

  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(LAUNCH_TIMEOUT_MS);
  const page = context.pages()[0] ?? await context.newPage();

  return {
    context,
    page,
    async close() {
      try {
        await withTimeout(context.close(), CLOSE_TIMEOUT_MS, 'closing Chromium');
      } finally {
        await killLeftovers(profile);
      }
    },
  };
}

// Kills any of this process's descendants still running with the run's profile, in case
// Playwright could not close the browser.
async function killLeftovers(profile) {
  const ours = processTree(process.pid).slice(1).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile);
    } catch {
      return false;
    }
  });

  for (const pid of ours) await killTree(pid, 1000);
}
