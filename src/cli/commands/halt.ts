import type { Command } from 'commander';
import type { BookStatusView } from '../../services/gateway/order-translate.js';
import { addApiOptions, apiTarget, callApi } from '../api-client.js';
import { printJson } from '../output.js';
import { paint, withSpinner } from '../terminal.js';

/** The book's new state: halted or open, the halt level and until when. */
export function bookLines(b: BookStatusView): string {
  if (!b.halted) return `${b.symbol}: ${paint('OPEN', 'green')}, trading\n  halted: false\n  resting orders: ${b.resting_orders}\n`;
  const level = b.halt_level === 0 ? '0 (operator halt)' : `${b.halt_level} (circuit breaker)`;
  const until = b.halt_until ?? `resumed by an operator: tradewatch resume --symbol ${b.symbol}`;
  return `${b.symbol}: ${paint('HALTED', 'red')}, only cancels are accepted\n  halted: true\n  level:  ${level}\n  until:  ${until}\n`;
}

function symbolCommand(program: Command, name: 'halt' | 'resume', description: string): Command {
  return addApiOptions(program.command(name))
    .summary(name === 'halt' ? 'halt trading in one book until resumed (operator key)' : 'resume trading in a halted book (operator key)')
    .description(description)
    .requiredOption('--symbol <symbol>', 'the book, e.g. BTC-USD (symbols: GET /api/v1/market)')
    .option('--reason <text>', 'why: goes to the exchange journal and the log');
}

async function setHalt(path: string, label: string, opts: Record<string, unknown>): Promise<void> {
  const body = { symbol: String(opts.symbol), ...(typeof opts.reason === 'string' ? { reason: opts.reason } : {}) };
  const book = await withSpinner(label, () => callApi<BookStatusView>(apiTarget(opts), 'POST', path, body));
  if (opts.json) return printJson(book);
  process.stdout.write(bookLines(book));
}

export function registerHalt(program: Command): void {
  symbolCommand(program, 'halt', 'halt trading in one book until resumed: the exchange then accepts only cancels for it (POST /api/v1/exchange/halt). '
    + 'Prints the book\'s new state: halted, level, until. Fails (exit 1) if the book is already halted. Needs an operator key')
    .action((opts: Record<string, unknown>) => setHalt('/api/v1/exchange/halt', 'halting', opts));
  symbolCommand(program, 'resume', 'resume trading in a halted book, after an operator or circuit-breaker halt (POST /api/v1/exchange/resume). '
    + 'Prints the book\'s new state. Fails (exit 1) if the book is not halted. Needs an operator key')
    .action((opts: Record<string, unknown>) => setHalt('/api/v1/exchange/resume', 'resuming', opts));
}
