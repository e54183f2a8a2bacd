import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildVmReport, EXIT_FOR, judgeVm, topBy, VM_THRESHOLDS, type VmReadings } from '../../../src/cli/doctor/vm-checks.js';

const GiB = 1024 ** 3;

/** A healthy 4-core machine; each test changes one reading. */
function readings(over: Partial<VmReadings> = {}): VmReadings {
  return {
    cpuCount: 4, loadAvg1: 1, loadAvg5: 0.8,
    memory: { totalBytes: 16 * GiB, availableBytes: 12 * GiB, source: 'test' },
    swap: { totalBytes: 4 * GiB, freeBytes: 4 * GiB },
    disk: { dataDir: '/data/tw', path: '/data/tw', totalBytes: 100 * GiB, freeBytes: 60 * GiB, availableBytes: 60 * GiB },
    fileHandles: { allocated: 1000, max: 100_000 },
    openFilesSoftLimit: { soft: 65_536 },
    processes: { source: 'test', list: [] },
    ...over,
  };
}

const check = (r: VmReadings, name: string) => {
  const found = judgeVm(r).find((c) => c.name === name);
  assert.ok(found, `no check named ${name}`);
  return found;
};

describe('doctor vm judging', () => {
  it('all readings healthy: every check OK, overall OK, exit 0', () => {
    const report = buildVmReport(readings());
    assert.deepEqual(report.checks.map((c) => c.name), ['cpu load 1m', 'cpu load 5m', 'memory', 'swap', 'disk', 'file handles', 'open files limit']);
    assert.ok(report.checks.every((c) => c.status === 'OK'), JSON.stringify(report.checks));
    assert.equal(report.status, 'OK');
    assert.equal(EXIT_FOR[report.status], 0);
  });

  it('a 1-minute load of 0.9/core is WARN and says so with its thresholds', () => {
    const c = check(readings({ loadAvg1: 3.6 }), 'cpu load 1m');
    assert.equal(c.status, 'WARN');
    assert.equal(c.measured, 0.9);
    assert.equal(c.value, '0.90/core (load 3.60 on 4 cores)');
    assert.equal(c.threshold, 'warn >= 0.8/core, crit >= 1.5/core');
    const report = buildVmReport(readings({ loadAvg1: 3.6 }));
    assert.equal(report.status, 'WARN');
    assert.equal(EXIT_FOR[report.status], 1);
  });

  it('memory at 96% used is CRIT, which makes the whole machine CRIT (exit 2) even with a WARN elsewhere', () => {
    const r = readings({ memory: { totalBytes: 100 * GiB, availableBytes: 4 * GiB, source: 'test' }, loadAvg5: 3.6 });
    assert.equal(check(r, 'memory').status, 'CRIT');
    assert.equal(check(r, 'cpu load 5m').status, 'WARN');
    const report = buildVmReport(r);
    assert.equal(report.status, 'CRIT');
    assert.equal(EXIT_FOR[report.status], 2);
  });

  it('no swap configured is OK and says "no swap"', () => {
    const c = check(readings({ swap: { totalBytes: 0, freeBytes: 0 } }), 'swap');
    assert.equal(c.status, 'OK');
    assert.equal(c.value, 'no swap');
  });

  it('exactly at a warn threshold is WARN, just below is OK, exactly at crit is CRIT', () => {
    assert.equal(check(readings({ loadAvg1: 3.2 }), 'cpu load 1m').status, 'WARN', '0.8/core');
    assert.equal(check(readings({ loadAvg1: 3.19 }), 'cpu load 1m').status, 'OK');
    assert.equal(check(readings({ loadAvg1: 6 }), 'cpu load 1m').status, 'CRIT', '1.5/core');
    const mem = (available: number) => check(readings({ memory: { totalBytes: 100, availableBytes: available, source: 'test' } }), 'memory').status;
    assert.deepEqual([mem(16), mem(15), mem(6), mem(5)], ['OK', 'WARN', 'WARN', 'CRIT']);
    const swap = (free: number) => check(readings({ swap: { totalBytes: 100, freeBytes: free } }), 'swap').status;
    assert.deepEqual([swap(76), swap(75), swap(26), swap(25)], ['OK', 'WARN', 'WARN', 'CRIT']);
    const disk = (free: number) => check(readings({ disk: { dataDir: '/d', path: '/d', totalBytes: 100, freeBytes: free, availableBytes: free } }), 'disk').status;
    assert.deepEqual([disk(16), disk(15), disk(5)], ['OK', 'WARN', 'CRIT']);
    const handles = (allocated: number) => check(readings({ fileHandles: { allocated, max: 100 } }), 'file handles').status;
    assert.deepEqual([handles(69), handles(70), handles(90)], ['OK', 'WARN', 'CRIT']);
    const nofile = (soft: number) => check(readings({ openFilesSoftLimit: { soft } }), 'open files limit').status;
    assert.deepEqual([nofile(4095), nofile(4096), nofile(Infinity)], ['WARN', 'OK', 'OK']);
  });

  it('disk use counts root-reserved blocks as df does, and names the parent measured when the data dir is missing', () => {
    // 100 blocks, 20 free of which 10 are reserved for root: used 80 of the 90 a user can have = 88.9%.
    const c = check(readings({ disk: { dataDir: '/data/tw', path: '/data', totalBytes: 100, freeBytes: 20, availableBytes: 10 } }), 'disk');
    assert.equal(c.status, 'WARN');
    assert.match(c.value, /^88\.9% used .*\/data; data dir not created yet/);
  });

  it('a low open-files soft limit is WARN with a note; readings that could not be taken are OK "not measured"', () => {
    const low = check(readings({ openFilesSoftLimit: { soft: 1024 } }), 'open files limit');
    assert.match(low.value, /soft limit 1024 .*busy gateway needs more/);
    assert.equal(low.threshold, `warn < ${VM_THRESHOLDS.openFilesSoftLimitBelow}`);
    const report = buildVmReport(readings({ fileHandles: { unavailable: 'no /proc/sys/fs/file-nr' }, processes: { unavailable: 'no /proc, no ps' } }));
    const handles = report.checks.find((c) => c.name === 'file handles')!;
    assert.deepEqual([handles.status, handles.measured, handles.value], ['OK', null, 'not measured: no /proc/sys/fs/file-nr']);
    assert.deepEqual([report.topByCpu, report.topByMemory], [[], []]);
    assert.equal(report.processSource, 'unavailable: no /proc, no ps');
  });

  it('top lists: the 5 highest by CPU and by RSS', () => {
    const list = Array.from({ length: 8 }, (_, i) => ({ pid: i + 1, name: `p${i + 1}`, cpuPercent: i, rssBytes: (8 - i) * 1024 }));
    assert.deepEqual(topBy(list, 'cpuPercent').map((p) => p.pid), [8, 7, 6, 5, 4]);
    assert.deepEqual(topBy(list, 'rssBytes').map((p) => p.pid), [1, 2, 3, 4, 5]);
  });
});
