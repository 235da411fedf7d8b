#!/usr/bin/env node
// Drives Debian's Chromium over entra-audit HTML reports for the Go browser
// tests (internal/report). Usage: node run.js PLAN.json
// PLAN.json: { "jobs": [ {"kind": "check", "file": "/abs/report.html",
//   "filter": {"f-status": "fail"}, "screenshot": "/abs/shot.png"},
//   {"kind": "xss", "file": "/abs/hostile.html"} ] }
// Prints one JSON array of results on stdout; the Go test asserts on them.
// Exit 0 when every job ran (whatever it found), 2 when the browser could
// not be driven.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { chromium } = require('playwright-core');

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Collected before any page script runs (init scripts are injected by the
// DevTools protocol, outside the page's CSP).
const initScript = () => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber || 0})`);
  });
};

async function openPage(browser, file) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: true });
  // The report must not touch the network: refuse anything not file:.
  const requests = [];
  await context.route(/^(?!file:).*/, (route) => { requests.push(route.request().url()); route.abort(); });
  const page = await context.newPage();
  const consoleErrors = [];
  const dialogs = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  await page.addInitScript(initScript);
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { context, page, consoleErrors, dialogs, requests };
}

async function visibleRows(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('#control-table tbody tr')).filter((r) => getComputedStyle(r).display !== 'none').length);
}

async function runAxe(page) {
  // Evaluated through DevTools, so the page's CSP (which rightly forbids
  // injected <script> tags) does not apply and no bypass is needed.
  await page.evaluate(axeSource);
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return res.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
}

async function check(browser, job) {
  const { context, page, consoleErrors, dialogs, requests } = await openPage(browser, job.file);
  const out = { kind: 'check', file: job.file };
  out.title = await page.title();
  out.totalRows = await page.locator('#control-table tbody tr').count();
  out.visibleBefore = await visibleRows(page);
  for (const [id, value] of Object.entries(job.filter || {})) {
    const el = page.locator(`#${id}`);
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
  out.visibleAfter = await visibleRows(page);
  // A page without the controls' filter (index.html) has no count to read.
  out.shownText = (await page.locator('#shown-count').count()) ? await page.locator('#shown-count').textContent() : '';
  out.visibleStatuses = await page.evaluate(() => Array.from(document.querySelectorAll('#control-table tbody tr')).filter((r) => !r.hidden).map((r) => r.dataset.status));
  if (job.screenshot) {
    fs.mkdirSync(path.dirname(job.screenshot), { recursive: true });
    await page.screenshot({ path: job.screenshot, fullPage: true });
    out.screenshot = job.screenshot;
  }
  // Reset, then check print layout shows every control even when filtered.
  await page.emulateMedia({ media: 'print' });
  out.printVisibleRows = await visibleRows(page);
  await page.emulateMedia({ media: 'screen' });
  out.axe = await runAxe(page);
  out.consoleErrors = consoleErrors;
  out.cspViolations = await page.evaluate(() => window.__cspViolations);
  out.dialogs = dialogs;
  out.requests = requests;
  await context.close();
  return out;
}

async function xss(browser, job) {
  const { context, page, consoleErrors, dialogs, requests } = await openPage(browser, job.file);
  const out = { kind: 'xss', file: job.file };
  // Exercise every interactive path a payload could hide behind.
  const search = page.locator('#f-search');
  if (await search.count()) {
    await search.fill('script');
    await search.fill('');
  }
  for (const sel of ['#f-status', '#f-severity', '#f-family', '#f-framework']) {
    const el = page.locator(sel);
    if (!(await el.count())) continue;
    const values = await el.evaluate((s) => Array.from(s.options).map((o) => o.value));
    for (const v of values) await el.selectOption(v);
  }
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.evaluate(() => { window.dispatchEvent(new Event('beforeprint')); window.dispatchEvent(new Event('afterprint')); });
  await page.mouse.move(10, 10);
  await page.waitForTimeout(200); // let onerror/onload handlers of broken images fire
  out.javascriptLinks = await page.evaluate(() => Array.from(document.querySelectorAll('[href],[src],[action],[formaction]'))
    .map((e) => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || e.getAttribute('formaction'))
    .filter((u) => /^\s*javascript:/i.test(u)).length);
  out.injectedElements = await page.evaluate(() => document.querySelectorAll('body img, body iframe, body object, body embed, body script:not(:last-of-type), body [onerror], body [onload], body [onclick]').length);
  out.xss = await page.evaluate(() => typeof window.__xss !== 'undefined');
  out.dialogs = dialogs;
  out.consoleErrors = consoleErrors;
  out.cspViolations = await page.evaluate(() => window.__cspViolations || []);
  out.requests = requests;
  await context.close();
  return out;
}

async function main() {
  const planFile = process.argv[2];
  if (!planFile) { console.error('usage: node run.js PLAN.json'); process.exit(2); }
  const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
  if (!fs.existsSync(executablePath)) {
    console.error(`chromium not found at ${executablePath}: apt-get install chromium, or set CHROMIUM_PATH`);
    process.exit(2);
  }
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    // Playwright gives every launch a fresh temporary profile (user-data-dir).
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results = [];
  try {
    for (const job of plan.jobs) {
      results.push(job.kind === 'xss' ? await xss(browser, job) : await check(browser, job));
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
}

main().catch((e) => { console.error(e && e.stack || String(e)); process.exit(2); });
