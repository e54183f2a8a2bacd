import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderQuery, OrderRecord, OrderStatus } from '../../src/contracts/orders.js';
import { mulberry32 } from '../../src/platform/random/random.js';
import { SqliteStore, type Store } from '../../src/platform/store/index.js';
import { BUCKETS_PER_QUERY, ExchangeRepository } from '../../src/services/exchange/adapters/exchange-repository.js';
import { EXCHANGE_MIGRATIONS, ORDER_BUCKET_SIZE, ORDER_BUCKET_SQL, SCHEMA } from '../../src/services/exchange/adapters/schema.js';
import { openedRepository, storeAdapters } from '../support/exchange-stores.js';

const ACCOUNTS = ['alice', 'bob', 'carol', 'dave'];
const SYMBOLS = ['BTC-USD', 'ETH-USD'];
const STATUSES: OrderStatus[] = ['open', 'filled', 'cancelled'];

function order(orderId: number, account: string, symbol: string, status: OrderStatus): OrderRecord {
  return {
    orderId, account, clientOrderId: null, symbol, side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, price: 100, qty: 1,
    filled: status === 'filled' ? 1 : 0, status, reason: null, createdMs: orderId, updatedMs: orderId, requestId: null, correlationId: null, traceId: null,
  };
}

/** Order ids one listing statement looks through: a run of buckets. */
const RUN = BUCKETS_PER_QUERY * ORDER_BUCKET_SIZE;

/**
 * Orders with ids spread over twelve runs of buckets (gaps of several buckets too), and the
 * boundary ids of a bucket and of a run.
 */
function someOrders(): OrderRecord[] {
  const random = mulberry32(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const ids = new Set([1, ORDER_BUCKET_SIZE - 1, ORDER_BUCKET_SIZE, ORDER_BUCKET_SIZE + 1, RUN - 1, RUN, RUN + 1, 3 * RUN]);
  while (ids.size < 1500) ids.add(1 + Math.floor(random() * 12 * RUN));
  // Carol trades only early: a listing of hers crosses many empty buckets.
  return [...ids].map((id) => order(id, id < 2 * RUN && random() < 0.1 ? 'carol' : pick(['alice', 'bob']), pick(SYMBOLS), pick(STATUSES)));
}

/** What a listing must return: the filter applied to every order, newest first. */
function expected(all: readonly OrderRecord[], q: OrderQuery): number[] {
  return all
    .filter((o) => (q.account === undefined || o.account === q.account) && (q.symbol === undefined || o.symbol === q.symbol)
      && (q.status === undefined || o.status === q.status) && (q.before === undefined || o.orderId < q.before))
    .map((o) => o.orderId).sort((a, b) => b - a).slice(0, q.limit);
}

const queries: OrderQuery[] = [
  ...ACCOUNTS.map((account) => ({ account, limit: 1000 })),
  { account: 'alice', limit: 7 },
  { account: 'alice', symbol: 'ETH-USD', status: 'open', limit: 50 },
  { account: 'bob', before: 3 * RUN + 1, limit: 3 },
  { account: 'bob', before: RUN, limit: 1000 },
  { account: 'alice', before: 5 * RUN + ORDER_BUCKET_SIZE, limit: 1000 },
  { account: 'carol', before: 2, limit: 10 },
  { account: 'alice', before: 1, limit: 10 },
  { symbol: 'BTC-USD', status: 'filled', limit: 20 },
];

const writeOrders = (store: Store, repo: ExchangeRepository, orders: OrderRecord[]) => store.commit(
  repo.writesOf([{ seq: 1, entry: { kind: 'advance', timeMs: 0, symbol: 'BTC-USD' }, changes: { orders, trades: [], refused: null } }]));

const adapters = await storeAdapters('orders');

for (const adapter of adapters) {
  describe(`exchange order listings: ${adapter.name}`, { skip: adapter.skip }, () => {
    const all = someOrders();
    const opened = openedRepository(adapter, (store, repo) => writeOrders(store, repo, all));

    for (const q of queries) {
      it(`lists ${JSON.stringify(q)} newest first, as a scan of every order would`, async () => {
        assert.deepEqual((await opened.repo.listOrders(q)).map((o) => o.orderId), expected(all, q));
      });
    }

    it('has listings that cross runs of buckets: carol\'s orders are all in the first two of twelve', () => {
      const carol = expected(all, { account: 'carol', limit: 1000 });
      assert.ok(carol.length > 0 && carol[0]! < 2 * RUN, `carol: ${carol.join(', ')}`);
      assert.ok(expected(all, { account: 'alice', limit: 1000 }).some((id) => id > 11 * RUN));
    });

    if (adapter.name === 'sqlite') {
      it('finds an account\'s orders in a run of buckets through the account index, not a scan', async () => {
        const plan = await opened.store.query<{ detail: string }>(
          `EXPLAIN QUERY PLAN SELECT * FROM exchange.orders WHERE account = $1 AND status = $2 AND order_id < $3 AND ${ORDER_BUCKET_SQL} IN ($4, $5) ORDER BY order_id DESC LIMIT 10`,
          ['alice', 'open', 600, 2, 1]);
        const detail = plan.map((r) => r.detail).join('\n');
        // A lookup per bucket; only the rows found are sorted, not the table.
        assert.match(detail, /SEARCH (exchange\.)?orders USING INDEX orders_account_bucket \(<expr>=\? AND account=\? AND order_id<\?\)/);
        assert.doesNotMatch(detail, /SCAN/);
      });
    }
  });
}

describe('exchange order listings after an upgrade', () => {
  const upgrades = [
    { from: 3, what: 'before the account index moved into buckets' },
    { from: 4, what: 'in buckets of 4,096 order ids' },
  ];
  for (const { from, what } of upgrades) {
    it(`lists by account the orders a store held ${what} (version ${from})`, async () => {
      const store = new SqliteStore(':memory:');
      try {
        const repo = new ExchangeRepository(store);
        await store.migrate(SCHEMA, EXCHANGE_MIGRATIONS.filter((m) => m.version <= from));
        const all = someOrders();
        await writeOrders(store, repo, all);
        await repo.migrate();
        for (const account of ACCOUNTS) assert.deepEqual((await repo.listOrders({ account, limit: 1000 })).map((o) => o.orderId), expected(all, { account, limit: 1000 }));
        const indexes = await store.query<{ name: string; sql: string }>("SELECT name, sql FROM exchange.sqlite_master WHERE type = 'index' AND tbl_name = 'orders'");
        assert.deepEqual(indexes.map((i) => i.name).sort(), ['orders_account_bucket', 'orders_symbol']);
        assert.ok(indexes.find((i) => i.name === 'orders_account_bucket')!.sql.includes(ORDER_BUCKET_SQL), 'the account index has the current bucket width');
      } finally {
        await store.close();
      }
    });
  }
});
