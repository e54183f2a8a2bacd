import { Argument, type Command } from 'commander';
import { buildCompletionTree, renderBash } from '../completion.js';
import { renderZsh } from '../completion-zsh.js';

const SHELLS = ['bash', 'zsh'] as const;
type Shell = (typeof SHELLS)[number];

/** `completion bash|zsh`: the script is built from `program` when it runs, so it covers every registered command. */
export function registerCompletion(program: Command): void {
  const name = program.name();
  program.command('completion')
    .description('print a shell completion script (bash or zsh) to stdout')
    .addArgument(new Argument('<shell>', 'the shell to complete for').choices(SHELLS))
    .addHelpText('after', `
Install (bash):
  source <(${name} completion bash)                     # this shell only; add the line to ~/.bashrc to keep it
  ${name} completion bash > ~/.local/share/bash-completion/completions/${name}   # with the bash-completion package

Install (zsh):
  ${name} completion zsh > "\${fpath[1]}/_${name}"        # or any directory in $fpath
  autoload -U compinit && compinit                       # then start a new shell (or rerun compinit)

Regenerate the script after upgrading ${name}: it lists the commands and flags of this version.`)
    .action((shell: Shell) => {
      const tree = buildCompletionTree(program);
      process.stdout.write(shell === 'bash' ? renderBash(tree) : renderZsh(tree));
    });
}
