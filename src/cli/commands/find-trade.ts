import type { Command } from 'commander';
import { addApiOptions, apiTarget, ApiError, callApi, type ApiTarget } from '../api-client.js';
import { idOf } from '../exchange-options.js';
import { formatTable, printJson } from '../output.js';
import { paint, withSpinner } from '../terminal.js';

interface Timeline {
  trade: Record<string, unknown> & { trade_id: string; symbol: string; price: string; quantity: string; time: string };
  orders: (Record<string, unknown> & { order_id: string; account: string; side: string; status: string; request_id: string | null; trace_id: string | null })[];
  settlement: { state: string; reason: string | null; attempts: number } | null;
  timeline: { time: string; service: string; step: string; detail: Record<string, unknown> }[];
  incomplete?: string[];
}

interface LogLine { time?: string; level?: string; service?: string; msg?: string; request_id?: string; trace_id?: string }

const IDS = ['request_id', 'correlation_id', 'trace_id'] as const;

/** Every request, correlation and trace id the timeline names: the keys to its log lines. */
function idsOf(t: Timeline): string[] {
  const ids = new Set<string>();
  for (const source of [...t.orders, ...t.timeline.map((s) => s.detail)]) {
    for (const k of IDS) if (typeof source[k] === 'string') ids.add(source[k] as string);
  }
  return [...ids];
}

async function fetchTrade(target: ApiTarget, id: string): Promise<{ timeline: Timeline; logs: LogLine[] }> {
  const timeline = await callApi<Timeline>(target, 'GET', `/api/v1/trades/${encodeURIComponent(id)}`);
  const ids = idsOf(timeline);
  const logs = ids.length === 0 ? [] : (await callApi<{ lines: LogLine[] }>(target, 'GET', `/api/v1/logs?limit=200&ids=${encodeURIComponent(ids.join(','))}`)).lines;
  return { timeline, logs };
}

const detailText = (d: Record<string, unknown>) => Object.entries(d).filter(([, v]) => v !== null && v !== undefined && v !== '')
  .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' ');

function render({ timeline: t, logs }: { timeline: Timeline; logs: LogLine[] }): string {
  const out = [
    `trade ${t.trade.trade_id}: ${t.trade.symbol} ${t.trade.quantity} @ ${t.trade.price} at ${t.trade.time}`,
    `settlement: ${t.settlement ? `${t.settlement.state}${t.settlement.reason ? ` (${t.settlement.reason})` : ''}, ${t.settlement.attempts} attempt(s)` : 'none yet'}`,
    '',
    formatTable(['ORDER', 'ACCOUNT', 'SIDE', 'STATUS', 'REQUEST ID', 'TRACE ID'], t.orders.map((o) => [o.order_id, o.account, o.side, o.status, o.request_id ?? '-', o.trace_id ?? '-'])),
    '',
    paint('timeline:', 'dim'),
    formatTable(['TIME', 'SERVICE', 'STEP', 'DETAIL'], t.timeline.map((s) => [s.time, s.service, s.step, detailText(s.detail)])),
    '',
    paint(`log lines (${logs.length}):`, 'dim'),
    ...(logs.length === 0 ? ['  none found in the gateway\'s log files'] : logs.map((l) => `${l.time ?? ''} ${String(l.level ?? '').toUpperCase().padEnd(5)} [${l.service ?? '-'}] ${l.msg ?? ''}`)),
  ];
  if (t.incomplete?.length) out.push('', paint(`incomplete: ${t.incomplete.join('; ')}`, 'yellow'));
  return `${out.join('\n')}\n`;
}

export function registerFindTrade(program: Command): void {
  addApiOptions(program.command('find-trade').alias('find_trade'))
    .summary('one trade end to end: orders, risk, fills, settlement, ids, log lines (viewer key)')
    .description('one trade end to end: its orders, the strategies\' decisions and risk\'s verdicts, fills and positions, settlement, request and trace ids, and its log lines (viewer key); exits 1 when the trade does not exist')
    .requiredOption('--id <trade-id>', 'the trade id', idOf('trade'))
    .action(async (opts: Record<string, unknown>) => {
      const id = String(opts.id);
      const target = apiTarget(opts);
      try {
        const found = await withSpinner(`looking up trade ${id}`, () => fetchTrade(target, id));
        if (opts.json) printJson(found);
        else process.stdout.write(render(found));
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) throw new ApiError(`trade ${id} not found`, 404, err.code);
        throw err;
      }
    });
}
