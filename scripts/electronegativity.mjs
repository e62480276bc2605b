// Electronegativity (Doyensec's Electron security scanner) over main/ and renderer/, offline.
//
//   node scripts/electronegativity.mjs [--root DIR] [--allow FILE]
//
// Fails (exit 1) on
//   - a finding not listed, with a reason, in test/reliability/electronegativity-allow.json;
//   - a source file the scanner could not parse (it would be silently unchecked);
//   - any attempt to reach the network.
// The scanner has two online parts, both disabled here: it downloads translations on start
// (its `got` client is replaced by one that refuses, so it falls back to its bundled
// English), and AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list
// (excluded; the Electron version is pinned in package.json and given explicitly). A guard
// on net.Socket refuses every connection that is not to loopback and fails the run.
//
// Scanned: the shipped sources of main/ and renderer/ (not *.test.* files nor main/testing/,
// which hold fake Electron objects), and package.json (Electron version, npm scripts).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    root: { type: 'string', default: repo },
    allow: { type: 'string', default: path.join(repo, 'test/reliability/electronegativity-allow.json') },
  },
});
const root = path.resolve(values.root);

// ---------------------------------------------------------------- no network
const networkAttempts = [];
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = args[0];
  const options =
    typeof first === 'object' && first !== null && !Array.isArray(first)
      ? first
      : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (!options.path && !LOOPBACK.has(options.host ?? 'localhost')) {
    networkAttempts.push(`${options.host}:${options.port}`);
    throw new Error(`electronegativity.mjs: network access refused (${options.host}:${options.port})`);
  }
  return originalConnect.apply(this, args);
};

const scannerDir = path.join(repo, 'node_modules/@doyensec/electronegativity/dist');
const scannerRequire = createRequire(path.join(scannerDir, 'index.js'));
const disabledDownloads = [];
const refuse = (url) => {
  disabledDownloads.push(String(url));
  return Promise.reject(new Error('offline: downloads are disabled in scripts/electronegativity.mjs'));
};
refuse.head = refuse;
refuse.get = refuse;
const gotPath = scannerRequire.resolve('got');
scannerRequire.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: Object.assign(refuse, { default: refuse }),
};

// ---------------------------------------------------------------- what to scan
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs|html?)$/;
const SKIP = (rel) => /\.test\.[cm]?[jt]sx?$/.test(rel) || rel.startsWith('main/testing/');

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const stage = mkdtempSync(path.join(tmpdir(), 'tam-electronegativity-'));
let scanned = 0;
try {
  for (const top of ['main', 'renderer']) {
    const dir = path.join(root, top);
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const file of walk(dir)) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      if (!SOURCE.test(rel) || SKIP(rel)) continue;
      mkdirSync(path.dirname(path.join(stage, rel)), { recursive: true });
      cpSync(file, path.join(stage, rel));
      scanned++;
    }
  }
  const pkgPath = path.join(root, 'package.json');
  const pkg = JSON.parse(
    readFileSync(
      statSync(pkgPath, { throwIfNoEntry: false }) ? pkgPath : path.join(repo, 'package.json'),
      'utf8',
    ),
  );
  cpSync(
    statSync(pkgPath, { throwIfNoEntry: false }) ? pkgPath : path.join(repo, 'package.json'),
    path.join(stage, 'package.json'),
  );
  const electronVersion = String(pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '').replace(
    /^[^\d]*/,
    '',
  );
  if (!electronVersion) throw new Error('package.json pins no Electron version');

  const run = scannerRequire('./runner.js');
  const quietLog = console.log;
  const chatter = [];
  console.log = (...args) => chatter.push(args.join(' '));
  let result;
  try {
    result = await run(
      {
        input: stage,
        customScan: [],
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        isRelative: true,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = quietLog;
  }

  // ---------------------------------------------------------------- compare with the allow-list
  const allow = JSON.parse(readFileSync(values.allow, 'utf8'));
  const entries = Array.isArray(allow.allow) ? allow.allow : [];
  const problems = [];
  for (const [i, e] of entries.entries()) {
    if (
      typeof e.check !== 'string' ||
      typeof e.file !== 'string' ||
      typeof e.reason !== 'string' ||
      e.reason.trim().length < 30
    ) {
      problems.push(
        `allow-list entry ${i} needs "check", "file" and a "reason" of at least 30 characters: ${JSON.stringify(e)}`,
      );
    }
  }
  const lineOf = (file, line) => {
    try {
      return readFileSync(path.join(stage, file), 'utf8').split('\n')[line - 1] ?? '';
    } catch {
      return '';
    }
  };
  const used = new Set();
  const findings = result.issues.map((issue) => {
    const file = String(issue.file).split(path.sep).join('/');
    const source = issue.location?.line ? lineOf(file, issue.location.line) : '';
    const index = entries.findIndex(
      (e) => e.check === issue.id && e.file === file && (e.match === undefined || source.includes(e.match)),
    );
    if (index >= 0) used.add(index);
    return {
      id: issue.id,
      file,
      line: issue.location?.line ?? 0,
      severity: issue.severity?.name,
      confidence: issue.confidence?.name,
      manualReview: issue.manualReview,
      source: source.trim(),
      reason: index >= 0 ? entries[index].reason : null,
    };
  });
  for (const f of findings.filter((x) => x.reason === null)) {
    problems.push(
      `unexplained finding ${f.id} at ${f.file}:${f.line} (${f.severity}, ${f.confidence})${f.source ? `: ${f.source}` : ''}\n    fix it, or add {"check":"${f.id}","file":"${f.file}","match":"…","reason":"…"} to ${path.relative(repo, values.allow)}`,
    );
  }
  // Entries that match nothing are reported, not fatal: main/ and renderer/ change under other
  // people's hands, and an entry for code not merged yet must not break their build.
  const stale = [...entries.entries()].filter(([i]) => !used.has(i)).map(([, e]) => e);
  for (const err of result.errors) {
    if (!err.tolerable)
      problems.push(
        `could not parse ${path.relative(stage, err.file)}: ${err.message} (an unparsed file is an unchecked file)`,
      );
  }
  for (const attempt of networkAttempts) problems.push(`the scan tried to reach the network: ${attempt}`);

  console.log(
    `electronegativity ${scannerRequire('../package.json').version}: ${result.globalChecks} global + ${result.atomicChecks} atomic checks, Electron ${electronVersion}, ${scanned} files of main/ and renderer/ + package.json`,
  );
  console.log(
    `  online parts disabled: AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK (excluded), translation download (${disabledDownloads.length} refused); network connections attempted: ${networkAttempts.length}`,
  );
  for (const f of findings) {
    console.log(
      `  ${f.reason ? 'explained' : 'UNEXPLAINED'} ${f.id} ${f.file}:${f.line} (${f.severity}/${f.confidence})${f.reason ? `\n      ${f.reason}` : ''}`,
    );
  }
  for (const e of stale)
    console.log(
      `  note: allow-list entry matches no finding (remove it if the code is gone): ${JSON.stringify({ check: e.check, file: e.file, match: e.match })}`,
    );
  if (problems.length > 0) {
    console.error(`\nelectronegativity: ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    process.exitCode = 1;
  } else {
    console.log(
      `electronegativity: ${findings.length} finding(s), all explained in ${path.relative(repo, values.allow)}; 0 unexplained.`,
    );
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
