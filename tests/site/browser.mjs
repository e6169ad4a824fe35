// The docs site in a real browser: Debian's chromium driven by playwright-core
// (tools/package.json; no browser download), against `bizgen mock --cors
// --site generated/site`, which serves the site and the operations from one
// origin. Checks that the site loads with no console error and no request to
// another origin, that searching "bindEmail" finds the operation and its page
// shows the Rust, TypeScript and curl code tabs, that try-it on login then
// findCustomerInfo answers "ok": true, and that the Chinese switch shows
// 绑定邮箱. Saves a screenshot of each state under target/site-screenshots/
// and prints the operation page's load time.
//
// Usage (from the repository root, after `cargo build -p bizgen`):
//   node tests/site/browser.mjs [path/to/bizgen [site folder]]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '../../tools/node_modules/playwright-core/index.mjs';

const bizgen = process.argv[2] ?? 'target/debug/bizgen';
const siteDir = process.argv[3] ?? 'generated/site';
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const shots = 'target/site-screenshots';
const BIND_EMAIL = '/api/global/customer.app.CustomerWebApiService.bindEmail';
const LOGIN = '/api/login/customer.app.CustomerWebApiService.login';
const FIND_CUSTOMER_INFO = '/api/global/customer.app.CustomerWebApiService.findCustomerInfo';
const TIMEOUT = 20_000;

const failures = [];
let passed = 0;
function check(name, ok, detail = '') {
  if (ok) {
    passed += 1;
    console.log(`ok: ${name}`);
  } else {
    failures.push(name);
    console.log(`FAILED: ${name}${detail ? `\n  ${detail}` : ''}`);
  }
}

/** Starts the mock on a free port; resolves with its origin once it listens. */
function startMock() {
  const mock = spawn(bizgen, ['mock', '--port', '0', '--cors', '--site', siteDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const origin = new Promise((resolve, reject) => {
    const lines = createInterface({ input: mock.stderr });
    lines.on('line', (line) => {
      const m = line.match(/^site: (http:\/\/[^/]+)\//);
      if (m) resolve(m[1]);
    });
    mock.on('exit', (code) => reject(new Error(`bizgen mock exited with ${code}`)));
    setTimeout(() => reject(new Error('bizgen mock did not start in 20 s')), TIMEOUT);
  });
  return { mock, origin };
}

/** The operation's element in RapiDoc's focused view. */
const operation = (page, path) => page.locator(`[id="post-${path}"]`);

async function tryIt(page, path) {
  await page.goto(`${page.origin}/#post-${path}`);
  const op = operation(page, path);
  await op.waitFor({ timeout: TIMEOUT });
  const answered = page.waitForResponse((r) => r.url().endsWith(path) && r.request().method() === 'POST',
    { timeout: TIMEOUT });
  await op.locator('button', { hasText: /^\s*TRY\s*$/ }).first().click();
  await answered;
  // The answer's panel: after the "Response Status" row of try-it.
  const response = op.locator('.row:has(> .response-message) + .tab-panel .tab-content pre').first();
  await response.waitFor({ timeout: TIMEOUT });
  await response.scrollIntoViewIfNeeded();
  return response.innerText();
}

const started = Date.now();
mkdirSync(shots, { recursive: true });
const { mock, origin: originPromise } = startMock();
const profile = mkdtempSync(join(tmpdir(), 'bizgen-site-chromium-'));
let context;
try {
  const origin = await originPromise;
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.origin = origin;
  const consoleErrors = [];
  const foreign = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(url)) foreign.push(url);
  });

  // 1. The English site loads from the mock's origin.
  await page.goto(`${origin}/`);
  await page.locator('rapi-doc nav').first().waitFor({ timeout: TIMEOUT });
  await page.getByText('Bind an email address').first().waitFor({ state: 'attached', timeout: TIMEOUT });
  await page.screenshot({ path: `${shots}/1-loaded.png` });
  check('the English site loads from the mock origin', (await page.title()).includes('API reference'));

  // 2. Search "bindEmail": the operation is found, its page has code tabs.
  const filter = page.locator('rapi-doc #nav-bar-search').first();
  await filter.fill('bindEmail');
  await filter.press('Enter');
  const hit = page.locator('rapi-doc nav .nav-bar-path').filter({ hasText: 'Bind an email address' });
  await hit.first().waitFor({ timeout: TIMEOUT });
  const shown = await page.locator('rapi-doc nav .nav-bar-path:visible').count();
  check('search "bindEmail" finds the operation', (await hit.count()) >= 1, `${shown} items shown`);
  await hit.first().click();
  const bindEmail = operation(page, BIND_EMAIL);
  await bindEmail.waitFor({ timeout: TIMEOUT });
  const opText = await bindEmail.innerText();
  for (const tab of ['Rust', 'TypeScript', 'curl']) {
    check(`the bindEmail page shows the ${tab} code tab`, new RegExp(`\\b${tab}\\b`, 'i').test(opText) &&
      (await bindEmail.locator('.tab-btn, button', { hasText: new RegExp(`^\\s*${tab}\\s*$`, 'i') }).count()) > 0);
  }
  check('the bindEmail page shows access, headers and sensitive fields',
    ['Access', 'login', 'Headers', 'companyId', 'Sensitive fields', 'verifyCode', 'HTTP 200', 'ok'].every((w) => opText.includes(w)),
    opText.slice(0, 400));
  await page.screenshot({ path: `${shots}/2-search-bindEmail.png` });

  // 3. Try it: login, then findCustomerInfo with the token login gave.
  const loginText = await tryIt(page, LOGIN);
  check('try-it on login answers "ok": true', /"ok":\s*true/.test(loginText), loginText.slice(-400));
  const loginToken = JSON.parse(loginText).data?.token;
  const sentToken = page.waitForRequest((r) => r.url().endsWith(FIND_CUSTOMER_INFO) && r.method() === 'POST',
    { timeout: TIMEOUT }).then((r) => r.headers().token);
  const infoText = await tryIt(page, FIND_CUSTOMER_INFO);
  check('findCustomerInfo is sent with the token login returned', typeof loginToken === 'string' &&
    loginToken !== '' && (await sentToken) === loginToken, `login gave ${loginToken}, sent ${await sentToken}`);
  await page.screenshot({ path: `${shots}/3-try-findCustomerInfo.png` });
  check('try-it on findCustomerInfo (with login\'s token) answers "ok": true', /"ok":\s*true/.test(infoText),
    infoText.slice(-400));

  // 4. The Chinese switch keeps the operation and shows it in Chinese.
  await page.goto(`${origin}/#post-${BIND_EMAIL}`);
  await operation(page, BIND_EMAIL).waitFor({ timeout: TIMEOUT });
  await page.locator('#other-language').click();
  await page.waitForURL(/\/zh\/index\.html/, { timeout: TIMEOUT });
  const zh = operation(page, BIND_EMAIL);
  await zh.getByText('绑定邮箱').first().waitFor({ timeout: TIMEOUT });
  await page.screenshot({ path: `${shots}/4-zh-bindEmail.png` });
  check('the Chinese switch shows 绑定邮箱 for bindEmail', (await zh.innerText()).includes('绑定邮箱'));

  check('no console errors', consoleErrors.length === 0, consoleErrors.join('\n  '));
  check('no request leaves the mock origin', foreign.length === 0, foreign.join('\n  '));

  // The figure: an operation page's load time, from navigation to its
  // summary on screen (and to DOMContentLoaded), in three fresh pages.
  const loads = [];
  for (let i = 0; i < 3; i += 1) {
    const fresh = await context.newPage();
    const t0 = Date.now();
    await fresh.goto(`${origin}/#post-${BIND_EMAIL}`);
    await operation(fresh, BIND_EMAIL).getByText('Bind an email address').first().waitFor({ timeout: TIMEOUT });
    const shown = Date.now() - t0;
    const dcl = await fresh.evaluate(() => Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd));
    loads.push(shown);
    console.log(`figure: bindEmail operation page shown in ${shown} ms (DOMContentLoaded at ${dcl} ms)`);
    await fresh.close();
  }
  loads.sort((a, b) => a - b);
  console.log(`figure: bindEmail operation page load, median of 3: ${loads[1]} ms`);
} catch (e) {
  failures.push(`the run: ${e.stack ?? e}`);
  console.log(`FAILED: ${e.stack ?? e}`);
} finally {
  await context?.close().catch(() => {});
  mock.kill();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`site browser test: ${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in ${shots}/`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
