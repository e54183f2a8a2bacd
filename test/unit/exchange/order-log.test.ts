import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { OrderLog, REFUSAL_LINES_PER_SECOND } from '../../../src/services/exchange/adapters/order-log.js';
import type { OrderCommand, OrderReply } from '../../../src/contracts/orders.js';
import { TradewatchError } from '../../../src/platform/errors/index.js';

interface Line { level: number; msg: string; account?: string; code?: string; suppressed?: number }

function orderLog() {
  const lines: Line[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => { lines.push(JSON.parse(chunk.toString()) as Line); done(); } });
  const clock = { now: 0 };
  return { lines, clock, log: new OrderLog(pino({ level: 'info' }, sink), () => clock.now) };
}

const command = (account: string) => ({ kind: 'submit', account, symbol: 'AAPL', side: 'buy', type: 'limit', price: 100, qty: 1, tif: 'GTC', postOnly: false }) as unknown as OrderCommand;
const tooLarge = { code: 'ORDER_TOO_LARGE', message: 'quantity: the order is worth too much' };
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('the exchange\'s refusal log lines', () => {
  it('logs an account\'s refusals of one kind up to the limit a second, then one line saying how many more there were', async () => {
    const { lines, clock, log } = orderLog();
    for (let i = 0; i < REFUSAL_LINES_PER_SECOND + 15; i++) log.refused(command('flooder'), tooLarge);
    log.refused(command('someone-else'), tooLarge);
    log.refused(command('flooder'), { code: 'BOOK_FULL', message: 'the book is full' });
    log.reportSuppressed();
    await settled();
    const flooder = lines.filter((l) => l.account === 'flooder' && l.code === 'ORDER_TOO_LARGE');
    assert.equal(flooder.filter((l) => l.suppressed === undefined).length, REFUSAL_LINES_PER_SECOND);
    assert.deepEqual(flooder.filter((l) => l.suppressed !== undefined).map((l) => [l.suppressed, l.msg]), [[15, `15 more ORDER_TOO_LARGE refusals of account flooder were not logged (at most ${REFUSAL_LINES_PER_SECOND} a second are)`]]);
    assert.equal(lines.filter((l) => l.account === 'someone-else').length, 1, 'another account is logged');
    assert.equal(lines.filter((l) => l.code === 'BOOK_FULL').length, 1, 'another refusal of the same account is logged');

    clock.now += 1000;
    const before = lines.length;
    log.refused(command('flooder'), tooLarge);
    log.reportSuppressed();
    await settled();
    assert.equal(lines.length, before + 1, 'a new second: logged again, nothing held back to report');
  });

  it('counts the book\'s refusals of an account against the same limit', async () => {
    const { lines, log } = orderLog();
    const reply = { order: { orderId: 7, clientOrderId: null, account: 'flooder', symbol: 'AAPL', status: 'rejected', filled: 0 }, trades: [] } as unknown as OrderReply;
    const refusal = new TradewatchError('POST_ONLY_WOULD_CROSS', 'post_only: the order would cross the book', 422);
    for (let i = 0; i < REFUSAL_LINES_PER_SECOND + 2; i++) log.outcome(command('flooder'), reply, refusal);
    log.reportSuppressed();
    await settled();
    assert.equal(lines.filter((l) => l.suppressed === undefined).length, REFUSAL_LINES_PER_SECOND);
    assert.deepEqual(lines.filter((l) => l.suppressed !== undefined).map((l) => [l.code, l.suppressed]), [['POST_ONLY_WOULD_CROSS', 2]]);
  });
});
