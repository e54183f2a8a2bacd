import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
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
