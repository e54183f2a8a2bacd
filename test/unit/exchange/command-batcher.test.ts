import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderCommand, OrderReply } from '../../../src/contracts/orders.js';
import { EXCHANGE_SUBJECTS } from '../../../src/contracts/subjects.js';
import { MemoryBus } from '../../../src/platform/bus/index.js';
import { BusRemoteError, BusUnavailable } from '../../../src/platform/errors/index.js';
import { CommandBatcher, MAX_COMMAND_BATCH, type CommandBatch, type CommandBatchReply } from '../../../src/services/exchange/client/command-batcher.js';

const cancel = (orderId: number): OrderCommand => ({ kind: 'cancel', account: 'a', orderId });
const replyFor = (orderId: number) => ({ order: { orderId }, trades: [] }) as unknown as OrderReply;

/** An exchange stand-in on a real in-process bus: answers each cancel, refusing odd order ids. */
async function exchangeStub(bus: MemoryBus, batches: number[]) {
  await bus.respond<CommandBatch, CommandBatchReply>(EXCHANGE_SUBJECTS.commandBatch, (msg) => {
    batches.push(msg.data.commands.length);
    return {
      results: msg.data.commands.map((c) => (c.kind === 'cancel' && c.orderId % 2 === 0
        ? { ok: true as const, data: replyFor(c.orderId) }
        : { ok: false as const, error: { code: 'ORDER_NOT_FOUND', message: 'no such order', status: 404 } })),
    };
  });
}

describe('exchange command batcher', () => {
  it('sends the commands of one turn as one request and settles each with its own result', async () => {
    const bus = new MemoryBus();
    const batches: number[] = [];
    await exchangeStub(bus, batches);
    const batcher = new CommandBatcher({ bus }, 1000);
    const outcomes = await Promise.allSettled([2, 3, 4].map((id) => batcher.submit(cancel(id))));
    assert.deepEqual(batches, [3]);
    assert.equal(outcomes[0]!.status === 'fulfilled' && outcomes[0]!.value.order.orderId, 2);
    assert.ok(outcomes[1]!.status === 'rejected' && outcomes[1]!.reason instanceof BusRemoteError && outcomes[1]!.reason.code === 'ORDER_NOT_FOUND');
    assert.equal(outcomes[2]!.status === 'fulfilled' && outcomes[2]!.value.order.orderId, 4);
    const later = await batcher.submit(cancel(6));
    assert.equal(later.order.orderId, 6);
    assert.deepEqual(batches, [3, 1], 'a later turn is a new batch');
    await bus.close();
  });

  it(`splits more than ${MAX_COMMAND_BATCH} commands into full batches`, async () => {
    const bus = new MemoryBus();
    const batches: number[] = [];
    await exchangeStub(bus, batches);
    const batcher = new CommandBatcher({ bus }, 1000);
    await Promise.all(Array.from({ length: MAX_COMMAND_BATCH + 10 }, (_, i) => batcher.submit(cancel(2 * (i + 1)))));
    assert.deepEqual(batches, [MAX_COMMAND_BATCH, 10]);
    await bus.close();
  });

  it('fails every command of a batch the bus could not deliver, with the bus error', async () => {
    const bus = new MemoryBus();
    const batcher = new CommandBatcher({ bus }, 1000);
    const outcomes = await Promise.allSettled([batcher.submit(cancel(2)), batcher.submit(cancel(4))]);
    for (const o of outcomes) assert.ok(o.status === 'rejected' && o.reason instanceof BusUnavailable);
    await bus.close();
  });
});
