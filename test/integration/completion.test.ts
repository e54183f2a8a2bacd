import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { buildCompletionTree, renderBash } from '../../src/cli/completion.js';
import { runCli, tempDir } from '../support/cli-process.js';

/** Sources a bash completion script and asks its function to complete `words` (the last one is the word under the cursor). */
function completeBash(file: string, fn: string, words: string[], cwd = tempDir()): string[] {
  const script = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); ${fn}; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', script, 'bash', file, ...words], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  return r.stdout.split('\n').filter(Boolean);
}

const hasZsh = spawnSync('sh', ['-c', 'command -v zsh'], { encoding: 'utf8' }).status === 0;

describe('tradewatch completion', () => {
  const dir = tempDir();
  const bashFile = join(dir, 'tradewatch.bash');
  const complete = (...words: string[]) => completeBash(bashFile, '_tradewatch', ['tradewatch', ...words]);

  before(() => {
    const r = runCli(['completion', 'bash']);
    assert.equal(r.code, 0, r.stderr);
    writeFileSync(bashFile, r.stdout);
  });

  it('bash: completes commands, subcommands, flags and option choices', () => {
    assert.deepEqual(complete('lo'), ['logs']);
    const top = complete('');
    for (const cmd of ['start', 'list-targets', 'config', 'keys', 'logs', 'completion', 'help']) assert.ok(top.includes(cmd), `${cmd} in ${top.join(' ')}`);
    assert.deepEqual(complete('logs', '--le'), ['--level']);
    assert.ok(complete('logs', '--level', '').includes('debug'));
    assert.deepEqual(complete('logs', '--level', '=', 'de'), ['debug'], '--level=de, as bash splits it at =');
    const config = complete('config', '');
    assert.ok(config.includes('verify') && config.includes('show'), config.join(' '));
    assert.ok(complete('config', 'verify', '--').includes('--help'));
    assert.deepEqual(complete('completion', ''), ['bash', 'zsh']);
  });

  it('bash: skips option values and falls back to files', () => {
    assert.deepEqual(complete('logs', '--service', 'config', '--lim'), ['--limit'], 'config is the value of --service, not the command');
    const cwd = tempDir();
    writeFileSync(join(cwd, 'trades.yaml'), '');
    assert.deepEqual(completeBash(bashFile, '_tradewatch', ['tradewatch', 'config', 'verify', '--config', 'tra'], cwd), ['trades.yaml']);
    assert.deepEqual(completeBash(bashFile, '_tradewatch', ['tradewatch', 'logs', 'tr'], cwd), ['trades.yaml'], 'logs has no subcommands');
  });

  it('bash: resolves aliases and skips hidden commands of any program', () => {
    const p = new Command('tw');
    p.command('database').alias('db').command('migrate').addOption(new Option('--to <v>').choices(['v1', 'v2']));
    p.command('secret', { hidden: true });
    const file = join(dir, 'tw.bash');
    writeFileSync(file, renderBash(buildCompletionTree(p)));
    assert.deepEqual(completeBash(file, '_tw', ['tw', 'db', '']), ['migrate', 'help']);
    assert.deepEqual(completeBash(file, '_tw', ['tw', 'db', 'migrate', '--to', '']), ['v1', 'v2']);
    assert.deepEqual(completeBash(file, '_tw', ['tw', 'se']), []);
  });

  it(`zsh: a #compdef script covering every top-level command${hasZsh ? ', valid for zsh -n' : ' (zsh not installed: structure only)'}`, () => {
    const r = runCli(['completion', 'zsh']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith('#compdef tradewatch\n'));
    for (const cmd of complete('')) assert.ok(r.stdout.includes(`'${cmd}:`), `zsh script describes ${cmd}`);
    assert.match(r.stdout, /^_tradewatch\(\) \{$/m);
    assert.match(r.stdout, /compdef _tradewatch tradewatch/);
    if (hasZsh) {
      const file = join(dir, '_tradewatch');
      writeFileSync(file, r.stdout);
      const check = spawnSync('zsh', ['-n', file], { encoding: 'utf8' });
      assert.equal(check.status, 0, check.stderr);
    }
  });

  it('--help explains how to install it', () => {
    const r = runCli(['completion', '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes('source <(tradewatch completion bash)'));
    assert.ok(r.stdout.includes('~/.local/share/bash-completion/completions/tradewatch'));
    assert.ok(r.stdout.includes('tradewatch completion zsh > "${fpath[1]}/_tradewatch"'));
    assert.match(r.stdout, /compinit/);
  });

  it('an unknown shell is a usage error naming the choices', () => {
    const r = runCli(['completion', 'fish']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /fish/);
    assert.match(r.stderr, /bash, zsh/);
  });
});
