#!/usr/bin/env -S node --max-semi-space-size=64
// First, so that the collector is tuned before the other modules allocate (see gc-tuning.ts).
import './gc-tuning.js';
import { Command, CommanderError } from 'commander';
import { VERSION } from '../app/version.js';
import { ConfigInvalid } from '../platform/errors/index.js';
import { ApiError } from './api-client.js';
import { registerChaos } from './commands/chaos.js';
import { registerCompletion } from './commands/completion.js';
import { registerConfig } from './commands/config.js';
import { registerDoctor } from './commands/doctor.js';
import { registerFindTrade } from './commands/find-trade.js';
import { registerInvestigateFailures } from './commands/investigate-failures.js';
import { registerHalt } from './commands/halt.js';
import { registerHealth } from './commands/health.js';
import { registerKillSwitch } from './commands/kill-switch.js';
import { registerBook } from './commands/book.js';
import { registerOrder } from './commands/order.js';
import { registerOrders } from './commands/orders.js';
import { registerTrades } from './commands/trades.js';
import { registerPnl, registerPositions } from './commands/positions.js';
import { registerKeys } from './commands/keys.js';
import { registerListTargets } from './commands/list-targets.js';
import { registerLogs } from './commands/logs.js';
import { registerSimulate } from './commands/simulate.js';
import { registerStack } from './commands/stack.js';
import { registerStart } from './commands/start.js';
import { EXIT } from './exit-codes.js';

const program = new Command('tradewatch')
  .description('A simulated trading venue with a real observability stack: practise incident response safely.')
  .version(VERSION, '-V, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerStart(program);
registerListTargets(program);
registerConfig(program);
registerKeys(program);
registerSimulate(program);
registerStack(program);
registerLogs(program);
registerDoctor(program);
registerFindTrade(program);
registerInvestigateFailures(program);
registerChaos(program);
registerHealth(program);
registerOrder(program);
registerBook(program);
registerOrders(program);
registerTrades(program);
registerPositions(program);
registerPnl(program);
registerKillSwitch(program);
registerHalt(program);
registerCompletion(program);
program.addHelpText('after', `
Exit codes: ${EXIT.OK} ok, ${EXIT.FAILURE} failed, ${EXIT.USAGE} bad usage or invalid configuration
(health and doctor: 0 healthy, 1 degraded, 2 down).
Commands that call the gateway take --url and --api-key, or TRADEWATCH_URL and TRADEWATCH_API_KEY.
Docs: README.md; every command has --help.`);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exit(err.exitCode === 0 ? EXIT.OK : EXIT.USAGE);
  }
  if (err instanceof ApiError) {
    process.stderr.write(`tradewatch: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  if (err instanceof ConfigInvalid) {
    process.stderr.write(`tradewatch: ${err.message}\nRun "tradewatch config verify" with the same options to check it.\n`);
    process.exit(EXIT.USAGE);
  }
  process.stderr.write(`tradewatch: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(EXIT.FAILURE);
}
