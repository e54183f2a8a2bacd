import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { OrderQuery, OrderRecord, OrderStatus } from '../../src/contracts/orders.js';
import { mulberry32 } from '../../src/platform/random/random.js';
import { PostgresStore, SqliteStore, type Store } from '../../src/platform/store/index.js';
import { ExchangeRepository } from '../../src/services/exchange/adapters/exchange-repository.js';
import { EXCHANGE_MIGRATIONS, ORDER_BUCKET_SIZE, ORDER_BUCKET_SQL, SCHEMA } from '../../src/services/exchange/adapters/schema.js';
import { tempDir } from '../support/cli-process.js';
import { postgresSkip, TEST_PG_URL, uniqueName } from '../support/services.js';

const ACCOUNTS = ['alice', 'bob', 'carol', 'dave'];
const SYMBOLS = ['BTC-USD', 'ETH-USD'];
const STATUSES: OrderStatus[] = ['open', 'filled', 'cancelled'];

function order(orderId: number, account: string, symbol: string, status: OrderStatus): OrderRecord {
  return {
    orderId, account, clientOrderId: null, symbol, side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, price: 100, qty: 1,
    filled: status === 'filled' ? 1 : 0, status, reason: null, createdMs: orderId, updatedMs: orderId, requestId: null, correlationId: null, traceId: null,
  };
}

/** Orders with ids spread over many buckets (gaps of several buckets too), and the boundary ids of two. */
function someOrders(): OrderRecord[] {
  const random = mulberry32(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const ids = new Set([1, ORDER_BUCKET_SIZE - 1, ORDER_BUCKET_SIZE, ORDER_BUCKET_SIZE + 1, 3 * ORDER_BUCKET_SIZE]);
  while (ids.size < 1500) ids.add(1 + Math.floor(random() * 12 * ORDER_BUCKET_SIZE));
  // Carol trades only early: a listing of hers crosses many empty buckets.
  return [...ids].map((id) => order(id, id < 2 * ORDER_BUCKET_SIZE && random() < 0.1 ? 'carol' : pick(['alice', 'bob']), pick(SYMBOLS), pick(STATUSES)));
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
  { account: 'bob', before: 3 * ORDER_BUCKET_SIZE + 1, limit: 3 },
  { account: 'bob', before: ORDER_BUCKET_SIZE, limit: 1000 },
  { account: 'carol', before: 2, limit: 10 },
  { account: 'alice', before: 1, limit: 10 },
  { symbol: 'BTC-USD', status: 'filled', limit: 20 },
];

const writeOrders = (store: Store, repo: ExchangeRepository, orders: OrderRecord[]) => store.transaction((tx) =>
  repo.write(tx, [{ seq: 1, entry: { kind: 'advance', timeMs: 0, symbol: 'BTC-USD' }, changes: { orders, trades: [], refused: null } }]));

interface Adapter { name: string; skip: string | false; open(): Promise<{ store: Store; dispose(): Promise<void> }> }

const adapters: Adapter[] = [
  {
    name: 'sqlite', skip: false, open: async () => {
      const dir = tempDir('tw-order-queries-');
      const store = new SqliteStore(dir);
      return { store, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
    },
  },
  {
    // A database of its own: the exchange's schema name is fixed.
    name: 'postgres', skip: await postgresSkip(), open: async () => {
      const admin = await PostgresStore.open(TEST_PG_URL);
      const database = uniqueName('tw_orders');
      await admin.execute(`CREATE DATABASE ${database}`);
      const url = new URL(TEST_PG_URL);
      url.pathname = `/${database}`;
      const store = await PostgresStore.open(url.toString());
      return {
        store, dispose: async () => {
          await store.close();
          await admin.execute(`DROP DATABASE ${database}`);
          await admin.close();
        },
      };
    },
  },
];

for (const adapter of adapters) {
  describe(`exchange order listings: ${adapter.name}`, { skip: adapter.skip }, () => {
    const all = someOrders();
    let opened: Awaited<ReturnType<Adapter['open']>> | undefined;
    let repo: ExchangeRepository;

    before(async () => {
      opened = await adapter.open();
      repo = new ExchangeRepository(opened.store);
      await repo.migrate();
      await writeOrders(opened.store, repo, all);
    });
    after(async () => { await opened?.dispose(); });

    for (const q of queries) {
      it(`lists ${JSON.stringify(q)} newest first, as a scan of every order would`, async () => {
        assert.deepEqual((await repo.listOrders(q)).map((o) => o.orderId), expected(all, q));
      });
    }

    it('has listings that cross buckets: carol\'s orders are all in the first two of twelve', () => {
      const carol = expected(all, { account: 'carol', limit: 1000 });
      assert.ok(carol.length > 0 && carol[0]! < 2 * ORDER_BUCKET_SIZE, `carol: ${carol.join(', ')}`);
      assert.ok(expected(all, { account: 'alice', limit: 1000 }).some((id) => id > 11 * ORDER_BUCKET_SIZE));
    });

    if (adapter.name === 'sqlite') {
      it('finds an account\'s orders in a bucket through the account index, not a scan', async () => {
        const plan = await opened!.store.query<{ detail: string }>(
          `EXPLAIN QUERY PLAN SELECT * FROM exchange.orders WHERE account = $1 AND status = $2 AND ${ORDER_BUCKET_SQL} = $3 ORDER BY order_id DESC LIMIT 10`, ['alice', 'open', 1]);
        const detail = plan.map((r) => r.detail).join('\n');
        assert.match(detail, /USING INDEX orders_account_bucket \(<expr>=\? AND account=\?\)/);
        assert.doesNotMatch(detail, /TEMP B-TREE/, 'the index gives the order too: no sort');
      });
    }
  });
}

describe('exchange order listings after an upgrade', () => {
  it('lists by account the orders a store held before the account index moved into buckets', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const repo = new ExchangeRepository(store);
      await store.migrate(SCHEMA, EXCHANGE_MIGRATIONS.filter((m) => m.version < 4));
      const all = someOrders();
      await writeOrders(store, repo, all);
      await repo.migrate();
      for (const account of ACCOUNTS) assert.deepEqual((await repo.listOrders({ account, limit: 1000 })).map((o) => o.orderId), expected(all, { account, limit: 1000 }));
      const indexes = await store.query<{ name: string }>("SELECT name FROM exchange.sqlite_master WHERE type = 'index' AND tbl_name = 'orders'");
      assert.deepEqual(indexes.map((i) => i.name).sort(), ['orders_account_bucket', 'orders_symbol']);
    } finally {
      await store.close();
    }
  });
});
