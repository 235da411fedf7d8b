#!/usr/bin/env node
// Validates SARIF files the way entra-audit's CI gates them:
//   1. Microsoft SARIF Multitool with rule kinds "Sarif;Gh" and gh-rules.xml,
//      which switches on the GitHub ingestion rules that are off by default
//      (GH1001/1002/1003/1005/1006/1007). `validate` exits 0 even when it
//      finds errors, so we read its output SARIF and count error results.
//   2. ajv against the SARIF 2.1.0 JSON schema shipped with the Multitool
//      (draft 2020-12). The Multitool misses some schema errors (a bad level,
//      startLine 0), so both run.
// Usage: node validate.js [--json] FILE...
// Exit: 0 when every file passes both, 1 when any fails, 2 on usage/setup errors.
'use strict';

const { spawnSync } = require('node:child_process');
const { fileURLToPath } = require('node:url');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const here = __dirname;
const args = process.argv.slice(2);
const asJSON = args[0] === '--json';
const files = asJSON ? args.slice(1) : args;
if (files.length === 0) {
  console.error('usage: node validate.js [--json] FILE.sarif...');
  process.exit(2);
}

function multitoolPath() {
  const pkg = `@microsoft/sarif-multitool-${process.platform === 'win32' ? 'win' : process.platform}`;
  const exe = process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool';
  const p = path.join(here, 'node_modules', pkg, exe);
  if (!fs.existsSync(p)) {
    console.error(`SARIF Multitool not found at ${p}: run "npm ci" in ${here} (Linux x64 is what CI uses)`);
    process.exit(2);
  }
  // npm 11 skips the package's chmod postinstall; make sure it can run.
  try { fs.accessSync(p, fs.constants.X_OK); } catch { fs.chmodSync(p, 0o755); }
  return p;
}

// messageText formats a Multitool result message, which arrives as a
// message-string id plus arguments rather than as text.
function messageText(run, res) {
  const m = res.message || {};
  if (m.text) return m.text;
  const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
  const rule = rules[res.ruleIndex] || rules.find((r) => r.id === res.ruleId) || {};
  const tmpl = ((rule.messageStrings || {})[m.id] || {}).text || m.id || '';
  return tmpl.replace(/\{(\d+)\}/g, (_, i) => (m.arguments || [])[Number(i)] ?? '');
}

// runMultitool validates every file in one Multitool run (its .NET start-up
// dominates) and attributes each error to its file by the result location.
function runMultitool(files, scratch) {
  const out = path.join(scratch, 'multitool.sarif');
  const r = spawnSync(multitoolPath(), [
    'validate',
    '-c', path.join(here, 'gh-rules.xml'),
    '--rule-kind', 'Sarif;Gh', // no shell here, so no extra quoting
    '--max-file-size-in-kb', '100000',
    '-o', out,
    '--log', 'ForceOverwrite;PrettyPrint',
    ...files,
  ], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const byFile = new Map(files.map((f) => [f, { ok: true, errors: [], warnings: [] }]));
  if (r.error || !fs.existsSync(out)) {
    const msg = `multitool did not run: ${r.error || ''}${r.stdout || ''}${r.stderr || ''}`.trim();
    for (const v of byFile.values()) { v.ok = false; v.errors.push(msg); }
    return byFile;
  }
  const log = JSON.parse(fs.readFileSync(out, 'utf8'));
  for (const run of log.runs || []) {
    for (const res of run.results || []) {
      const phys = ((res.locations || [])[0] || {}).physicalLocation || {};
      const uri = (phys.artifactLocation || {}).uri || '';
      const file = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
      const line = `${res.ruleId} ${res.level || 'warning'}: ${messageText(run, res)}${(phys.region || {}).startLine ? ` (line ${phys.region.startLine})` : ''}`;
      const targets = byFile.has(file) ? [byFile.get(file)] : [...byFile.values()]; // unattributable: blame all
      for (const v of targets) {
        if (res.level === 'error') { v.ok = false; v.errors.push(line); } else { v.warnings.push(line); }
      }
    }
    for (const inv of run.invocations || []) {
      for (const n of [...(inv.toolExecutionNotifications || []), ...(inv.toolConfigurationNotifications || [])]) {
        if (n.level !== 'error') continue;
        for (const v of byFile.values()) {
          v.ok = false;
          v.errors.push(`${(n.descriptor && n.descriptor.id) || 'notification'} error: ${(n.message && n.message.text) || ''}`);
        }
      }
    }
  }
  return byFile;
}

function runSchema(file, scratch) {
  // ajv-cli picks its parser by extension: ".sarif" would not parse as JSON.
  const copy = path.join(scratch, 'input.sarif.json');
  fs.copyFileSync(file, copy);
  const schema = path.join(here, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'sarif-2.1.0.json');
  const ajv = path.join(here, 'node_modules', 'ajv-cli', 'dist', 'index.js');
  const r = spawnSync(process.execPath, [ajv, 'validate', '--spec=draft2020', '--strict=false',
    '-c', 'ajv-formats', '--all-errors', '--errors=line', '-s', schema, '-d', copy],
  { encoding: 'utf8', cwd: here, maxBuffer: 64 << 20 });
  const text = `${r.stdout || ''}${r.stderr || ''}`.trim();
  if (r.status === 0) return { ok: true, errors: [] };
  return { ok: false, errors: [text || `ajv exited ${r.status} ${r.error || ''}`] };
}

let failed = false;
const report = [];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-validate-'));
try {
  const abs = files.map((f) => path.resolve(f));
  const multitool = runMultitool(abs, scratch);
  files.forEach((file, i) => {
    const mt = multitool.get(abs[i]);
    const schema = runSchema(abs[i], scratch);
    failed = failed || !mt.ok || !schema.ok;
    report.push({ file, multitool: mt, schema });
    if (!asJSON) {
      console.log(`${file}: multitool ${mt.ok ? 'OK' : `${mt.errors.length} error(s)`}, schema ${schema.ok ? 'OK' : 'INVALID'}`);
      for (const e of [...mt.errors, ...schema.errors]) console.log(`  ${e}`);
    }
  });
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
if (asJSON) console.log(JSON.stringify(report, null, 2));
process.exit(failed ? 1 : 0);
