// The guide page in a real browser (Debian's Chromium through playwright-core): hostile rule and
// log text must stay text, the CSP must hold, the page script must post the right messages, and
// the panel must look right in the light and dark themes (screenshots go to docs/images/).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { parseWebviewMessage } from '../../src/extension/guide/messages';
import { renderGuideHtml } from '../../src/extension/guide/render';
import {
  DEPRECATED_AMI_RULE, HOSTILE, describeImagesFinding, loadRule,
} from '../unit/guide/guide-fixtures';
import { type PageServer, startPageServer } from './page-server';
import { DARK_THEME, LIGHT_THEME } from './theme-variables';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The README's pictures are refreshed only on request, so a test run leaves the tree clean.
const IMAGES = process.env.UPDATE_SCREENSHOTS === '1'
  ? path.resolve(__dirname, '../../docs/images')
  : path.join(os.tmpdir(), 'cloudtrail-lens-screenshots');
const NONCE = 'cGFnZS10ZXN0LW5vbmNlLTAx';

const rule = loadRule(DEPRECATED_AMI_RULE);
const target = { ruleId: rule.id, documentUri: 'file:///logs/trail.json', findingIndex: 0 };

// What the stub VS Code API records, and what an injected payload would set.
interface PageWindow {
  __posted: unknown[];
  __state: unknown;
  __violations: string[];
  __pwned?: unknown;
  __inline?: unknown;
}

/** Stands in for the webview host: acquireVsCodeApi, and a record of CSP violations. */
const INIT_SCRIPT = `
  window.__posted = [];
  window.__state = undefined;
  window.__violations = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => { window.__posted.push(message); },
    setState: (state) => { window.__state = state; },
    getState: () => window.__state,
  });
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(event.violatedDirective + ' ' + event.blockedURI);
  });
`;

let server: PageServer;
let context: BrowserContext;
let userDataDir: string;

/** Renders the guide for a finding as the panel would, with the server as the webview origin. */
function guideHtml(options: { userAgent?: string; note?: string } = {}): string {
  const { finding, eventText } = describeImagesFinding(rule, { userAgent: options.userAgent });
  return renderGuideHtml({
    rule: options.note === undefined ? rule : { ...rule, note: options.note, version: 8 },
    finding,
    findingPosition: { index: 0, total: 3 },
    eventText,
    cspSource: server.origin,
    nonce: NONCE,
    scriptUri: `${server.origin}/media/guide.js`,
    styleUri: `${server.origin}/media/guide.css`,
    state: target,
    documentLabel: 'trail-2026-04-22.json',
  });
}

/** Opens a published page and collects any dialog a payload would open. */
async function open(name: string, html: string): Promise<{ page: Page; dialogs: string[] }> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await page.goto(server.publish(name, html), { waitUntil: 'load' });
  return { page, dialogs };
}

/** A global the init script or a payload sets, read back from the page. */
function pageValue<K extends keyof PageWindow>(page: Page, key: K): Promise<PageWindow[K]> {
  return page.evaluate<PageWindow[K]>(`window[${JSON.stringify(key)}]`);
}

// The tests compile without DOM types (the project's lib is ES2022), so what runs in the page
// is written as expressions.
const READ_DOM = `({
  images: document.querySelectorAll('img, svg, iframe, object, embed').length,
  scripts: [...document.scripts].map((script) => script.src),
  handlers: [...document.querySelectorAll('*')].flatMap((element) =>
    [...element.attributes].map((a) => a.name).filter((name) => name.startsWith('on'))),
  hrefs: [...document.querySelectorAll('[href]')].map((e) => e.getAttribute('href')),
})`;

const FIRST_IN_HEAD = `(() => {
  const element = document.head.firstElementChild;
  return element ? element.tagName + ' ' + element.getAttribute('http-equiv') : '';
})()`;

const INJECT_INLINE_SCRIPT = `(() => {
  const script = document.createElement('script');
  script.textContent = 'window.__inline = 1;';
  document.body.append(script);
})()`;

/** Applies a theme the way the workbench does: a body class and variables on <html>. */
function applyTheme(bodyClass: string, variables: { [name: string]: string }): string {
  return `(() => {
    document.body.classList.add(${JSON.stringify(bodyClass)});
    for (const [name, value] of Object.entries(${JSON.stringify(variables)})) {
      document.documentElement.style.setProperty(name, value);
    }
    const body = getComputedStyle(document.body);
    return { background: body.backgroundColor, colour: body.color };
  })()`;
}

void describe('guide page in Chromium', { timeout: 120_000 }, () => {
  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium was not found at ${CHROMIUM}. The webview tests need a real `
        + 'browser: install it with "apt-get update && apt-get install -y chromium" '
        + '(or point CHROMIUM_PATH at a Chromium binary).');
    }

    server = await startPageServer();
    userDataDir = mkdtempSync(path.join(os.tmpdir(), 'cloudtrail-lens-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1100, height: 900 },
    });
    await context.addInitScript(INIT_SCRIPT);
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  void it('runs no injected script and shows hostile text literally', async () => {
    const { page, dialogs } = await open('hostile', guideHtml({
      userAgent: HOSTILE.userAgent, note: HOSTILE.note }));

    assert.equal(await pageValue(page, '__pwned'), undefined);
    assert.deepEqual(dialogs, []);

    const text = await page.locator('body').textContent() ?? '';
    assert.ok(text.includes(HOSTILE.userAgent), 'the user agent is shown as written');
    assert.ok(text.includes('Raw HTML: <script>window.__pwned=3</script> and '
      + '<img src=x onerror="window.__pwned=4">.'));
    assert.ok(text.includes('[x](javascript:alert(1))'));

    const dom = await page.evaluate<{ images: number; scripts: string[]; handlers: string[];
      hrefs: string[] }>(READ_DOM);
    assert.equal(dom.images, 0);
    assert.deepEqual(dom.scripts, [`${server.origin}/media/guide.js`]);
    assert.deepEqual(dom.handlers, []);
    assert.deepEqual(dom.hrefs, [`${server.origin}/media/guide.css`], 'no link has an href');

    assert.deepEqual(await pageValue(page, '__violations'), [],
      'nothing inline was even attempted');
    await page.close();
  });

  void it('stays inert without its CSP too: escaping alone stops the payloads', async () => {
    const html = guideHtml({ userAgent: HOSTILE.userAgent, note: HOSTILE.note })
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, '');
    const { page, dialogs } = await open('hostile-no-csp', html);

    assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').count(), 0);
    assert.equal(await pageValue(page, '__pwned'), undefined);
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  void it('has the CSP first in head, and the browser enforces it', async () => {
    const { page } = await open('csp', guideHtml());
    const first = await page.evaluate<string>(FIRST_IN_HEAD);
    assert.equal(first, 'META Content-Security-Policy');

    await page.evaluate(INJECT_INLINE_SCRIPT);
    assert.equal(await pageValue(page, '__inline'), undefined);
    const violations = await pageValue(page, '__violations');
    assert.ok(violations.some((v) => v.startsWith('script-src')), violations.join('; '));

    const styled = await page.evaluate<string>(
      'getComputedStyle(document.querySelector(".finding-bar")).position');
    assert.equal(styled, 'sticky', 'the stylesheet loaded under the CSP');
    await page.close();
  });

  void it('stores the panel target with setState so a reload can restore it', async () => {
    const { page } = await open('state', guideHtml());
    assert.deepEqual(await pageValue(page, '__state'), { ...target, scrollY: 0 });
    await page.close();
  });

  void it('posts a reveal message when "Reveal in editor" is clicked', async () => {
    const { page } = await open('reveal', guideHtml());
    const row = page.locator('table.fields tr', {
      has: page.locator('td:first-child code', { hasText: /^aws\.cloudtrail\.user_identity\.arn$/ }),
    });
    await row.getByRole('button', { name: 'Reveal in editor' }).click();

    const expected = { type: 'reveal', kind: 'field', field: 'aws.cloudtrail.user_identity.arn' };
    const messages = await pageValue(page, '__posted');
    assert.deepEqual(messages, [expected]);
    assert.deepEqual(parseWebviewMessage(messages[0]), expected, 'the extension accepts it');
    await page.close();
  });

  void it('posts the right message for every other control, and none for disabled ones',
    async () => {
      const { page } = await open('controls', guideHtml());
      const startUrl = page.url();

      await page.locator('#guide a.field-link', { hasText: 'source.ip' }).first().click();
      await page.locator('#match button[data-index="2"]').click();
      await page.locator('#attack a.external-link', { hasText: 'T1580' }).click();
      await page.locator('#guide a.external-link').first().focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Previous' }).click({ force: true });
      await page.getByRole('button', { name: 'Reveal event in editor' }).click();

      const messages = await pageValue(page, '__posted');
      assert.deepEqual(messages, [
        { type: 'reveal', kind: 'field', field: 'source.ip' },
        { type: 'reveal', kind: 'clause', index: 2 },
        { type: 'openLink', url: 'https://attack.mitre.org/techniques/T1580/' },
        { type: 'openLink', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIs.html' },
        { type: 'navigate', direction: 'next' },
        { type: 'reveal', kind: 'event' },
      ]);
      for (const message of messages) {
        assert.deepEqual(parseWebviewMessage(message), message, 'the extension accepts it');
      }
      assert.equal(page.url(), startUrl, 'no click navigated the page');
      await page.close();
    });

  void it('shows a bidi control of a log value as an escape, and the words around in order',
    async () => {
      const { page } = await open('bidi', guideHtml({ userAgent: 'aws-cli \u202egnp.exe' }));

      const value = await page.locator('table.fields tr', {
        has: page.locator('td:first-child code', { hasText: /^user_agent\.original$/ }),
      }).locator('code.value').textContent();
      assert.equal(value, 'aws-cli \\u{202e}gnp.exe');
      await page.close();
    });

  void it('isolates inline code, so that a bidi control inside cannot move the words after it',
    async () => {
      const { page } = await open('isolate', guideHtml());

      // a raw RLO in inline code, as if one had got past the escaping, then plain words
      const layout = await page.evaluate<{ codeRight: number; afterLeft: number }>(`(() => {
        const p = document.createElement('p');
        p.innerHTML = 'before <code>\\u202eabc</code> after';
        document.querySelector('main').prepend(p);
        const range = document.createRange();
        range.selectNodeContents(p.lastChild);
        return { codeRight: p.querySelector('code').getBoundingClientRect().right,
          afterLeft: range.getBoundingClientRect().left };
      })()`);

      assert.ok(layout.afterLeft >= layout.codeRight - 1, JSON.stringify(layout));
      await page.close();
    });

  void it('looks right in the light and dark themes (screenshots in docs/images)', async () => {
    mkdirSync(IMAGES, { recursive: true });

    for (const [name, bodyClass, theme] of [
      ['guide-light', 'vscode-light', LIGHT_THEME],
      ['guide-dark', 'vscode-dark', DARK_THEME],
    ] as const) {
      const { page } = await open(name, guideHtml());
      const colours = await page.evaluate<{ background: string; colour: string }>(
        applyTheme(bodyClass, theme));
      const expected = name === 'guide-light'
        ? { background: 'rgb(255, 255, 255)', colour: 'rgb(59, 59, 59)' }
        : { background: 'rgb(31, 31, 31)', colour: 'rgb(204, 204, 204)' };
      assert.deepEqual(colours, expected);

      const file = path.join(IMAGES, `${name}.png`);
      await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 1100, height: 1500 },
        fullPage: true });
      assert.ok(existsSync(file));
      await page.close();
    }
  });
});
