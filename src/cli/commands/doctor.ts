import type { Command } from 'commander';
import { addConfigOptions } from '../config-options.js';
import { verdict } from '../doctor/status.js';
import { buildVmReport, EXIT_FOR, formatBytes, TOP_N, type ProcessSample, type VmReport } from '../doctor/vm-checks.js';
import { gatherVmReadings } from '../doctor/vm-readings.js';
import { loadAppConfig } from '../load-app-config.js';
import { formatStatusTable, formatTable, printJson } from '../output.js';
import { paint } from '../terminal.js';
import { addDoctorPrometheus } from './doctor-prometheus.js';


function processTable(list: ProcessSample[]): string {
  return formatTable(['PID', '%CPU', 'RSS', 'NAME'], list.map((p) => [String(p.pid), p.cpuPercent.toFixed(1), formatBytes(p.rssBytes), p.name]));
}

function render(report: VmReport): string {
  const out = [formatStatusTable(['STATUS', 'CHECK', 'VALUE', 'THRESHOLD'], report.checks.map((c) => [c.status, c.name, c.value, c.threshold]), 0), ''];
  if (report.topByCpu.length === 0) out.push(`top processes: ${report.processSource}`, '');
  else {
    out.push(paint(`top ${TOP_N} by CPU (%CPU averaged over each process's lifetime, as ps shows; from ${report.processSource}):`, 'dim'), processTable(report.topByCpu), '');
    out.push(paint(`top ${TOP_N} by memory (resident, RSS):`, 'dim'), processTable(report.topByMemory), '');
  }
  out.push(verdict(report.status));
  return `${out.join('\n')}\n`;
}

/** `tradewatch doctor`; returns it so other subcommands (doctor prometheus) can be added from their own files. */
export function registerDoctor(program: Command): Command {
  const doctor = program.command('doctor').description('diagnose the machine (vm) and the monitoring (prometheus)');
  addConfigOptions(doctor.command('vm'))
    .summary('check this machine: CPU load, memory, swap, disk, open files; exit 0 healthy, 1 degraded, 2 down')
    .description('check CPU load, memory, swap, disk of the data dir and open files, and list the top processes; '
      + 'exits 0 when every check is OK (healthy), 1 when the worst is WARN (degraded), 2 when any is CRIT (down). '
      + 'Bad flags or an invalid configuration also exit 2.')
    .option('--json', 'print { status, checks, topByCpu, topByMemory, processSource } as JSON instead of tables')
    .action((opts: Record<string, unknown>) => {
      const config = loadAppConfig(opts);
      const report = buildVmReport(gatherVmReadings(config.dataDir));
      if (opts.json) printJson(report);
      else process.stdout.write(render(report));
      process.exitCode = EXIT_FOR[report.status];
    });
  addDoctorPrometheus(doctor);
  return doctor;
}
