import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { runCli, startCli, tempDir } from '../support/cli-process.js';
import { waitFor } from '../support/wait-for.js';

describe('process lifecycle', () => {
  it('becomes ready, exits 0 on SIGTERM within 5 s, and restarts on the same data dir', async () => {
    const dataDir = tempDir();
    for (const round of [1, 2]) {
      const proc = await startCli(['--data-dir', dataDir]);
      await waitFor(`ready (round ${round})`, async () => (await fetch(`${proc.url}/health/ready`)).status === 200, 10_000);
      const { code, ms } = await proc.signal('SIGTERM');
      assert.equal(code, 0, proc.output());
      assert.ok(ms < 5000, `stop took ${ms} ms`);
      assert.match(proc.output(), /"msg":"stopped"/);
    }
  });

  it('SIGINT also drains and exits 0', async () => {
    const proc = await startCli(['--data-dir', tempDir()]);
    const { code } = await proc.signal('SIGINT');
    assert.equal(code, 0, proc.output());
  });

  it('runs several targets joined by commas in one process, with their dependencies and nothing else', async () => {
    const dataDir = tempDir();
    const proc = await startCli(['--data-dir', dataDir, '--target', 'gateway,exchange,market-data']);
    try {
      const services = await (await fetch(`${proc.url}/services`)).json() as { target: string; running: { name: string }[] };
      assert.deepEqual(services.running.map((m) => m.name).sort(), ['bus', 'exchange', 'gateway', 'market-data', 'store']);
      await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200, 10_000);
      assert.ok(readdirSync(join(dataDir, 'logs')).some((f) => /^tradewatch-gateway_exchange_market-data\.\d+\.log$/.test(f)), readdirSync(join(dataDir, 'logs')).join(', '));
    } finally {
      assert.equal((await proc.signal('SIGTERM')).code, 0, proc.output());
    }
  });

  it('an unknown target in a list is named, with the choices (exit 1)', () => {
    const r = runCli(['start', '--port', '0', '--data-dir', tempDir(), '--target', 'gateway,ledger']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /unknown target "ledger"; choose one of: all, .*or several joined by commas/);
  });

  it('a module that cannot start stops the process, naming the module and the cause (exit 1)', () => {
    const r = runCli(['start', '--port', '0', '--data-dir', tempDir(), '--database-url', 'postgres://postgres@127.0.0.1:1/test']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /module "store" failed to start/);
    assert.match(r.stderr, /127\.0\.0\.1:1/);
  });

  it('a port already in use is reported with what to do (exit 1)', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = runCli(['start', '--port', String(port), '--data-dir', tempDir()]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`port ${port} .* already in use.*--port`));
    } finally {
      blocker.close();
    }
  });
});
