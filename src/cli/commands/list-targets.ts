import type { Command } from 'commander';
import { formatTable, printJson } from '../output.js';

export function registerListTargets(program: Command): void {
  program.command('list-targets')
    .description('show the module table: every module, what it depends on, and which can be a --target')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { describeTable } = await import('../../app/modules.js');
      const table = describeTable();
      if (opts.json) return printJson(table);
      const rows = table.modules.map((m) => [m.name, m.targetable ? 'yes' : '', String(m.level), dependencies(m), m.description]);
      process.stdout.write(`${formatTable(['MODULE', 'TARGET', 'LEVEL', 'DEPENDS ON', 'DESCRIPTION'], rows)}\n\n`);
      process.stdout.write(`targets: ${table.targets.join(', ')}   (start --target <name>, or several joined by commas; "all" runs every module in one process)\n`);
    });
}

/** Its dependencies, and the modules it starts after when they run in the same process. */
function dependencies(m: { dependsOn: string[]; startsAfter: string[] }): string {
  const after = m.startsAfter.length > 0 ? `(after ${m.startsAfter.join(', ')})` : '';
  return [m.dependsOn.join(', '), after].filter(Boolean).join(' ') || '-';
}
