// One end-to-end session: a run folder, a workspace copied from the samples, code-server with
// the VSIX installed, and Chromium showing the workbench. close() undoes all of it.
import fs from 'node:fs';
import path from 'node:path';

import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './code-server.mjs';
import { ensureDir, sampleSource, vsixPath, WORK_DIR } from './paths.mjs';
import { isAlive } from './process-tree.mjs';
import { waitForWorkbench } from './workbench.mjs';

// Starts everything a test needs; on any failure, stops what already started before throwing.
export async function createSession() {
  removeStaleRuns();
  const runDir = fs.mkdtempSync(path.join(ensureDir(WORK_DIR), `run-${process.pid}-`));
  const sample = sampleSource();
  const workspaceDir = path.join(runDir, 'workspace');
  fs.cpSync(sample.dir, workspaceDir, { recursive: true });

  const session = { runDir, workspaceDir, sample, vsix: vsixPath(), server: undefined,
    browser: undefined, page: undefined, close: () => closeSession(session) };

  try {
    session.server = await startCodeServer({ runDir, vsix: session.vsix, workspaceDir });
    session.browser = await launchBrowser(runDir);
    session.page = session.browser.page;
    await session.page.goto(session.server.workspaceUrl);
    await waitForWorkbench(session.page);
  } catch (error) {
    const log = session.server ? `\n--- code-server log ---\n${session.server.logTail()}` : '';
    await closeSession(session);
    error.message += log;
    throw error;
  }
  return session;
}

// Stops the browser and the server and removes the run folder; each step runs even if an
// earlier one failed, and the first failure is reported at the end.
async function closeSession(session) {
  const failures = [];
  const steps = [
    () => session.browser?.close(),
    () => session.server?.stop(),
    () => {
      if (process.env.CTL_E2E_KEEP === '1') return;
      fs.rmSync(session.runDir, { recursive: true, force: true });
    },
  ];

  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

// Removes the run folders of test processes that died before they could clean up.
function removeStaleRuns() {
  if (!fs.existsSync(WORK_DIR)) return;

  for (const name of fs.readdirSync(WORK_DIR)) {
    const pid = Number(/^run-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    fs.rmSync(path.join(WORK_DIR, name), { recursive: true, force: true });
  }
}
