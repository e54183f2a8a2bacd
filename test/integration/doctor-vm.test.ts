import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempDir } from '../support/cli-process.js';

const NAMES = ['cpu load 1m', 'cpu load 5m', 'memory', 'swap', 'disk', 'file handles', 'open files limit'];
const EXIT = { OK: 0, WARN: 1, CRIT: 2 } as const;

interface Check { name: string; status: keyof typeof EXIT; measured: number | null; value: string; threshold: string }
interface Proc { pid: number; name: string; cpuPercent: number; rssBytes: number }
interface Report { status: keyof typeof EXIT; checks: Check[]; topByCpu: Proc[]; topByMemory: Proc[]; processSource: string }

describe('tradewatch doctor vm', () => {
  it('--json: every check judged, numbers measured, exit code = worst status, top processes listed', () => {
    const dataDir = tempDir();
    const r = runCli(['doctor', 'vm', '--json', '--data-dir', dataDir]);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(report.checks.map((c) => c.name), NAMES);
    for (const c of report.checks) {
      assert.ok(c.status in EXIT, `${c.name}: ${c.status}`);
      assert.ok(c.measured === null || Number.isFinite(c.measured), `${c.name}: ${String(c.measured)}`);
      assert.match(c.threshold, /warn/);
    }
    for (const name of ['cpu load 1m', 'cpu load 5m', 'memory', 'disk']) {
      assert.equal(typeof report.checks.find((c) => c.name === name)!.measured, 'number', name);
    }
    assert.match(report.checks.find((c) => c.name === 'disk')!.value, new RegExp(dataDir));
    const worst = report.checks.reduce((w, c) => Math.max(w, EXIT[c.status]), 0);
    assert.equal(EXIT[report.status], worst);
    assert.equal(r.code, worst, r.stderr);
    if (process.platform === 'linux') {
      assert.equal(report.processSource, '/proc');
      assert.ok(report.topByCpu.length > 0 && report.topByCpu.length <= 5);
      assert.ok(report.topByMemory.length > 0 && report.topByMemory.length <= 5);
      for (const p of [...report.topByCpu, ...report.topByMemory]) assert.ok(Number.isInteger(p.pid) && p.cpuPercent >= 0 && p.rssBytes >= 0 && p.name);
    }
  });

  it('without --json: an aligned table with one line per check, no colour when piped', () => {
    const r = runCli(['doctor', 'vm', '--data-dir', tempDir()], { NO_COLOR: '' });
    assert.ok(r.code !== null && r.code >= 0 && r.code <= 2, r.stderr);
    assert.ok(!r.stdout.includes('\x1b['), 'no ANSI escapes when stdout is a pipe');
    const lines = r.stdout.split('\n');
    const header = lines[0]!;
    assert.match(header, /^STATUS\s+CHECK\s+VALUE\s+THRESHOLD$/);
    const thresholdColumn = header.indexOf('THRESHOLD');
    for (const [i, name] of NAMES.entries()) {
      const line = lines[i + 1]!;
      assert.match(line, new RegExp(`^(OK|WARN|CRIT)\\s+${name}\\s`));
      assert.match(line.slice(thresholdColumn), /^warn (>=|<) /, `threshold column aligned in: ${line}`);
    }
    assert.match(r.stdout, /top 5 by CPU/);
    assert.match(r.stdout, /top 5 by memory/);
    assert.match(r.stdout, new RegExp(`overall: (OK|WARN|CRIT) \\(exit ${r.code}:`));
  });

  it('--help states the exit codes', () => {
    const r = runCli(['doctor', 'vm', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout.replace(/\s+/g, ' '), /exits 0 when every check is OK \(healthy\), 1 when the worst is WARN \(degraded\), 2 when any is CRIT \(down\)/);
    assert.match(r.stdout, /--json/);
  });
});
