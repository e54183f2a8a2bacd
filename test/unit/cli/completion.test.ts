import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Command, Option } from 'commander';
import { buildCompletionTree, renderBash, type CompletionNode } from '../../../src/cli/completion.js';
import { renderZsh } from '../../../src/cli/completion-zsh.js';

/** A small program: a command with an alias and a subcommand, options with choices, hidden things. */
function program(): Command {
  const p = new Command('tw').option('-v, --verbose', 'say more');
  const db = p.command('db').alias('database').description('the database: migrate it');
  db.command('migrate')
    .description('run the migrations')
    .addOption(new Option('--level <level>', 'how far').choices(['low', 'high']))
    .addOption(new Option('--secret-knob <x>', 'not for users').hideHelp())
    .option('-n, --dry-run', 'only print what would run')
    .option('--to [version]', 'stop at this version');
  p.command('internal-thing', { hidden: true }).option('--internal-flag');
  return p;
}

const find = (node: CompletionNode, name: string) => {
  const found = node.subcommands.find((s) => s.name === name);
  assert.ok(found, `${name} in ${node.subcommands.map((s) => s.name).join(', ')}`);
  return found;
};

describe('completion tree', () => {
  it('has the visible commands, aliases and options, with --help everywhere and hidden ones left out', () => {
    const root = buildCompletionTree(program());
    assert.equal(root.name, 'tw');
    assert.deepEqual(root.subcommands.map((s) => s.name), ['db', 'help']);
    assert.deepEqual(root.options.map((o) => o.flags), [['--verbose', '-v'], ['--help', '-h']]);
    const db = find(root, 'db');
    assert.deepEqual(db.aliases, ['database']);
    assert.equal(db.description, 'the database: migrate it');
    const migrate = find(db, 'migrate');
    assert.deepEqual(migrate.options, [
      { flags: ['--level'], description: 'how far', takesValue: true, choices: ['low', 'high'] },
      { flags: ['--dry-run', '-n'], description: 'only print what would run', takesValue: false },
      { flags: ['--to'], description: 'stop at this version', takesValue: true },
      { flags: ['--help', '-h'], description: 'display help for command', takesValue: false },
    ]);
    assert.deepEqual(migrate.subcommands, []);
    // commander's implicit help command takes the name of a sibling
    assert.deepEqual(find(root, 'help').arguments, [{ name: 'command', choices: ['db'] }]);
    assert.ok(find(root, 'help').options.some((o) => o.flags.includes('--help')));
  });

  it('is built from the program as it is when called, so later commands are included', () => {
    const p = program();
    p.command('later').description('added afterwards');
    assert.ok(buildCompletionTree(p).subcommands.some((s) => s.name === 'later'));
  });

  it('keeps argument choices', () => {
    const q = new Command('tw');
    q.command('completion').addArgument(q.createArgument('<shell>', 'which').choices(['bash', 'zsh']));
    assert.deepEqual(find(buildCompletionTree(q), 'completion').arguments, [{ name: 'shell', choices: ['bash', 'zsh'] }]);
  });
});

describe('rendered scripts', () => {
  const root = buildCompletionTree(program());

  it('bash: a _tw function over COMP_WORDS, registered with complete -F', () => {
    const bash = renderBash(root);
    assert.match(bash, /^_tw\(\) \{$/m);
    assert.match(bash, /COMP_WORDS\[COMP_CWORD\]/);
    assert.match(bash, /^complete -F _tw tw$/m);
    assert.match(bash, /compgen -f/);
    for (const word of ["'db'", "'migrate'", "'database=db'", "'--level'", "'--dry-run'", "'--to'", "'--verbose'", "'--help'", "'db migrate|--level') cvals=('low' 'high')"]) {
      assert.ok(bash.includes(word), `bash script has ${word}`);
    }
    for (const hidden of ['secret-knob', 'internal-thing', 'internal-flag']) assert.ok(!bash.includes(hidden), `bash script has no ${hidden}`);
  });

  it('zsh: a #compdef script with descriptions', () => {
    const zsh = renderZsh(root);
    assert.ok(zsh.startsWith('#compdef tw\n'));
    for (const word of ["'db:the database: migrate it'", "'migrate:run the migrations'", "'--level:how far'", "'database=db'", "cvals=('low' 'high')", '_describe', 'compdef _tw tw']) {
      assert.ok(zsh.includes(word), `zsh script has ${word}`);
    }
    for (const hidden of ['secret-knob', 'internal-thing', 'internal-flag']) assert.ok(!zsh.includes(hidden), `zsh script has no ${hidden}`);
  });

  it('quotes descriptions and choices for the shell', () => {
    const p = new Command('tw');
    p.command('x').description("it's `here` $HOME").addOption(new Option('--mode <m>').choices(["a'b", 'c d']));
    const tree = buildCompletionTree(p);
    assert.ok(renderZsh(tree).includes(`'x:it'\\''s \`here\` $HOME'`));
    assert.ok(renderBash(tree).includes(`cvals=('a'\\''b' 'c d')`));
  });
});
