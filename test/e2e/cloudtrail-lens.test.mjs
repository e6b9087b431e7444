// The packaged extension, installed into code-server and used through Chromium the way a person
// would: open a CloudTrail file, read the Problems panel, hover the flagged event, open its guide.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { ensureDir, FLAGGED_EVENT_NAME, RULE_NAME, SCREENSHOT_DIR, WORK_DIR } from
  './harness/paths.mjs';
import { createSession } from './harness/session.mjs';
import * as workbench from './harness/workbench.mjs';

// Problems the extension reports per sample. s3-delivery-pretty.json holds five DescribeImages
// events and the rule's query flags one (10:08, line 15); the others ask for includeDeprecated
// false, failed with an error code, name no owner, or come from ECR rather than EC2.
const EXPECTED_PROBLEMS = { 's3-delivery-pretty.json': 1 };

const TEST_TIMEOUT_MS = 120_000;

describe('CloudTrail Lens in code-server', () => {
  let session;

  before(async () => {
    fs.rmSync(path.join(WORK_DIR, 'failures'), { recursive: true, force: true });
    session = await createSession();
    await workbench.openFile(session.page, session.sample.file);
  }, { timeout: 300_000 });

  after(async () => {
    await session?.close();
  }, { timeout: 60_000 });

  it('lists the flagged event in the Problems panel under the rule name', {
    timeout: TEST_TIMEOUT_MS,
  }, () => withEvidence('problems-panel', async (page) => {
    const file = session.sample.file;
    const expected = expectedProblems(file);

    await workbench.waitForProblem(page, file, RULE_NAME);
    const problems = await settledProblems(page, file, expected);

    assert.equal(problems.count, expected, `problems in ${file}: ${problems.markers.join('\n')}`);
    assert.ok(problems.markers.some((label) => label.includes(RULE_NAME)),
      `no marker names the rule: ${problems.markers.join('\n')}`);
    assert.ok(await workbench.problemsTotal(page) >= expected, 'the Problems tab total is too low');
  }));

  it('shows the rule name when hovering the flagged event\'s DescribeImages token', {
    timeout: TEST_TIMEOUT_MS,
  }, () => withEvidence('hover', async (page) => {
    const marker = await workbench.goToProblem(page, RULE_NAME);
    const status = await workbench.selectNextOccurrence(page, FLAGGED_EVENT_NAME);

    // The token must be the flagged event's own: on the marker's line, or below it within the
    // event when the marker starts at the event's opening brace.
    const line = Number(/Ln (\d+)/.exec(status)?.[1]);
    assert.ok(line >= marker.line && line <= marker.line + 40,
      `selected ${FLAGGED_EVENT_NAME} at "${status}", marker at line ${marker.line}`);

    // The extension's own hover is a Markdown part; the marker's message alone does not count.
    const ruleHover = await workbench.hoverSelection(page, RULE_NAME);
    assert.match(await ruleHover.innerText(), new RegExp(escapeRegExp(RULE_NAME)));

    // The marker's own text comes first in a long hover: bring the extension's part into view.
    await ruleHover.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(ensureDir(SCREENSHOT_DIR), 'diagnostic-hover.png') });
    await workbench.dismissWidgets(page);
  }));

  it('opens the investigation guide titled with the rule name from the quick fix', {
    timeout: TEST_TIMEOUT_MS,
  }, () => withEvidence('quick-fix-guide', async (page) => {
    await workbench.goToProblem(page, RULE_NAME);
    await workbench.runQuickFix(page, /investigation guide/i);

    const guideTab = workbench.tab(page, RULE_NAME);
    await guideTab.waitFor({ timeout: workbench.WEBVIEW_TIMEOUT_MS });
    assert.match(await guideTab.getAttribute('aria-label') ?? '',
      new RegExp(escapeRegExp(RULE_NAME)));

    const heading = workbench.webviewContent(page).locator('h1, h2', { hasText: RULE_NAME })
      .first();
    await heading.waitFor({ timeout: workbench.WEBVIEW_TIMEOUT_MS });
    assert.match(await heading.innerText(), new RegExp(escapeRegExp(RULE_NAME)));

    await page.screenshot({
      path: path.join(ensureDir(SCREENSHOT_DIR), 'investigation-guide.png'),
    });
  }));

  it('adds an exception for the user through the quick fix, and the diagnostic goes', {
    timeout: TEST_TIMEOUT_MS,
  }, () => withEvidence('add-exception', async (page) => {
    const file = session.sample.file;
    const expected = expectedProblems(file);

    await workbench.goToProblem(page, RULE_NAME);
    await workbench.runQuickFix(page, /Add exception for this user$/);

    // The comment box opens with a default comment selected; Enter accepts it.
    const input = page.locator('.quick-input-widget input[type="text"], .quick-input-box input')
      .first();
    await input.waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');

    await workbench.waitForProblemCount(page, file, expected - 1);

    const exceptionsFile = path.join(session.workspaceDir, '.cloudtrail-lens', 'exceptions.json');
    const written = JSON.parse(fs.readFileSync(exceptionsFile, 'utf8'));
    const items = Object.values(written.exceptions).flat();
    assert.equal(items.length, 1, `one item expected in ${exceptionsFile}`);
    assert.ok(items[0].entries.some((entry) => /user/.test(entry.field)),
      `the item should name the user: ${JSON.stringify(items[0])}`);
  }));

  // Runs a test body; on failure keeps a screenshot and the server log's tail for the report.
  async function withEvidence(name, body) {
    assert.ok(session?.page, 'the session did not start');

    try {
      await body(session.page);
    } catch (error) {
      const shot = path.join(ensureDir(path.join(WORK_DIR, 'failures')), `${name}.png`);
      await session.page.screenshot({ path: shot, timeout: 10_000 }).catch(() => undefined);
      error.message += `\nscreenshot: ${shot}\n--- code-server log (tail) ---\n` +
        session.server.logTail(20);
      throw error;
    }
  }
});

// The count a sample should show, overridable for a harness check with another extension.
function expectedProblems(file) {
  const fromEnv = process.env.CTL_EXPECTED_PROBLEMS;
  const expected = fromEnv === undefined ? EXPECTED_PROBLEMS[file] : Number(fromEnv);
  assert.ok(Number.isInteger(expected),
    `no expected problem count for ${file}: add it to EXPECTED_PROBLEMS or set ` +
    'CTL_EXPECTED_PROBLEMS');
  return expected;
}

// Waits for the expected count; if it never comes, returns what the panel shows so the
// assertion reports the real number.
async function settledProblems(page, file, expected) {
  try {
    return await workbench.waitForProblemCount(page, file, expected);
  } catch {
    return workbench.readProblems(page, file);
  }
}

// text with every regular-expression metacharacter escaped.
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
