import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildSupervisor } from '../../../src/platform/lifecycle/index.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/** A child that runs until killed; its first argument plays the part of a config file. */
function spec(dir: string) {
  return { name: 'sleeper', command: process.execPath, args: [join(dir, 'sleeper.js')], logFile: join(dir, 'sleeper.log'), pidFile: join(dir, 'sleeper.pid') };
}

describe('child supervisor', () => {
  it('stops the child an earlier run left running before it starts its own, and removes the pid file on stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradewatch-child-'));
    writeFileSync(join(dir, 'sleeper.js'), 'setInterval(() => {}, 1000);');
    const events: string[] = [];
    // A child started as a killed run would have left it: running, with its pid in the pid file.
    const leftover = spawn(process.execPath, [join(dir, 'sleeper.js')], { stdio: 'ignore', detached: true });
    leftover.unref();
    // Its supervisor is gone: pid 2^22 + 1 is above Linux's largest pid.
    writeFileSync(join(dir, 'sleeper.pid'), `${leftover.pid} ${2 ** 22 + 1}\n`);

    const supervisor = new ChildSupervisor(spec(dir), (event, detail) => events.push(`${event} ${String(detail.pid)}`));
    await supervisor.start();
    const { pid } = supervisor.status();
    assert.equal(alive(leftover.pid!), false, 'the leftover is stopped');
    assert.deepEqual(events, [`leftover ${leftover.pid}`, `started ${pid}`]);
    assert.equal(readFileSync(join(dir, 'sleeper.pid'), 'utf8'), `${pid} ${process.pid}\n`);
    await supervisor.stop();
    assert.equal(alive(pid!), false);
    assert.equal(existsSync(join(dir, 'sleeper.pid')), false);
  });

  it('leaves a child whose supervisor still runs to it (a second start on the same data dir) and starts none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradewatch-child-'));
    writeFileSync(join(dir, 'sleeper.js'), 'setInterval(() => {}, 1000);');
    // This test process plays the first supervisor: it started the child and still runs.
    const first = spawn(process.execPath, [join(dir, 'sleeper.js')], { stdio: 'ignore' });
    writeFileSync(join(dir, 'sleeper.pid'), `${first.pid} ${process.pid}\n`);
    const events: string[] = [];
    const second = new ChildSupervisor(spec(dir), (event, detail) => events.push(`${event} ${String(detail.pid)} ${String(detail.supervisor)}`));
    await second.start();
    assert.deepEqual(events, [`supervised-elsewhere ${first.pid} ${process.pid}`]);
    assert.deepEqual([second.status().running, second.status().lastExit], [false, `run by process ${process.pid}`]);
    await second.stop();
    assert.equal(alive(first.pid!), true);
    assert.equal(readFileSync(join(dir, 'sleeper.pid'), 'utf8'), `${first.pid} ${process.pid}\n`, 'the pid file is left to its owner');
    first.kill();
  });

  it('leaves alone a process the pid file names that runs something else (a reused pid)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradewatch-child-'));
    writeFileSync(join(dir, 'sleeper.js'), 'setInterval(() => {}, 1000);');
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    writeFileSync(join(dir, 'sleeper.pid'), `${other.pid}\n`);
    const events: string[] = [];
    const supervisor = new ChildSupervisor(spec(dir), (event) => events.push(event));
    await supervisor.start();
    await supervisor.stop();
    assert.equal(alive(other.pid!), true);
    assert.deepEqual(events, ['started']);
    other.kill();
  });

  it('reports the last line the child wrote when it exits, as the reason it stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradewatch-child-'));
    writeFileSync(join(dir, 'failer.js'), 'console.log("starting"); console.error("listen tcp 127.0.0.1:9090: bind: address already in use\\n"); process.exit(1);');
    const exited = new Promise<Record<string, unknown>>((resolve) => {
      const supervisor = new ChildSupervisor({ name: 'failer', command: process.execPath, args: [join(dir, 'failer.js')], logFile: join(dir, 'failer.log') }, (event, detail) => {
        if (event === 'exited') void supervisor.stop().then(() => resolve(detail));
      });
      void supervisor.start();
    });
    const detail = await exited;
    assert.equal(detail.lastExit, 'exit code 1');
    assert.equal(detail.lastLine, 'listen tcp 127.0.0.1:9090: bind: address already in use');
  });
});
