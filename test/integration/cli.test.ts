import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../support/cli-process.js';

describe('tradewatch CLI', () => {
  it('--help lists the commands and exit codes', () => {
    const r = runCli(['--help']);
    assert.equal(r.code, 0);
    for (const cmd of ['start', 'list-targets', 'config']) assert.match(r.stdout, new RegExp(`\\b${cmd}\\b`));
    assert.match(r.stdout, /Exit codes/);
  });

  it('an unknown command or flag is a usage error (exit 2)', () => {
    assert.equal(runCli(['frobnicate']).code, 2);
    const r = runCli(['start', '--clock', 'sundial']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /sundial/);
  });

  it('list-targets shows every module with its dependencies', () => {
    const r = runCli(['list-targets']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /market-data\s+yes\s+1\s+bus/);
    assert.match(r.stdout, /strategy-engine\s+yes\s+2\s+bus \(after risk-monitor, exchange\)/, 'in one process, after what its orders go through');
    assert.match(r.stdout, /targets: all, /);
    const json = JSON.parse(runCli(['list-targets', '--json']).stdout) as { targets: string[]; modules: { name: string }[] };
    assert.ok(json.targets.includes('market-data') && json.targets.includes('gateway'));
    assert.ok(json.modules.some((m) => m.name === 'store'));
  });

  it('config verify accepts the defaults', () => {
    const r = runCli(['config', 'verify']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /configuration is valid/);
  });

  it('config verify prints all three mistakes of a file and exits 2', () => {
    const file = join(tempDir(), 'bad.yaml');
    writeFileSync(file, ['seed: -5', 'server:', '  port: 99999', 'clock:', '  mode: sundial', ''].join('\n'));
    const r = runCli(['config', 'verify', '--config', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /3 problems/);
    assert.match(r.stderr, /seed:/);
    assert.match(r.stderr, /server\.port:/);
    assert.match(r.stderr, /clock\.mode:/);
    const json = JSON.parse(runCli(['config', 'verify', '--config', file, '--json']).stdout) as { valid: boolean; errors: unknown[] };
    assert.equal(json.valid, false);
    assert.equal(json.errors.length, 3);
  });

  it('config show merges environment and flags and redacts secrets', () => {
    const r = runCli(['config', 'show', '--seed', '7', '--database-url', 'postgres://u:s3cret@127.0.0.1:5432/db'], { TRADEWATCH_PORT: '9999' });
    assert.equal(r.code, 0, r.stderr);
    const cfg = JSON.parse(r.stdout) as { seed: number; server: { port: number }; database: { url: string } };
    assert.equal(cfg.seed, 7);
    assert.equal(cfg.server.port, 9999);
    assert.equal(cfg.database.url, 'postgres://u:***@127.0.0.1:5432/db');
  });
});
