import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { issueKey } from '../support/api-keys.js';
import { runCli } from '../support/cli-process.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

interface ErrorBody { error: { code: string; message: string } }

describe('gateway API keys, roles and rate limits', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>>;
  const keys: Record<string, string> = {};
  const order = { account: 'auth-a', symbol: 'AAPL', side: 'buy', price: '1.00', quantity: '1' };
  const post = (key?: string) => fetch(`${proc.url}/api/v1/orders`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'x-api-key': key }) }, body: JSON.stringify(order),
  });

  before(async () => {
    proc = await startInProcess();
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200);
    keys.viewer = await issueKey(proc.config, 'viewer');
    keys.trader = await issueKey(proc.config, 'trader');
    keys.slow = await issueKey(proc.config, 'trader', 1);
  });
  after(() => proc.stop());

  it('market data and health need no key', async () => {
    assert.equal((await fetch(`${proc.url}/api/v1/market`)).status, 200);
    assert.equal((await fetch(`${proc.url}/health`)).status, 200);
  });

  it('serves its OpenAPI description at /api/docs, with each route\'s role and body', async () => {
    const res = await fetch(`${proc.url}/api/docs`);
    assert.equal(res.status, 200);
    const doc = await res.json() as { openapi: string; paths: Record<string, Record<string, { security: unknown[]; description?: string; requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>> };
    assert.equal(doc.openapi, '3.1.0');
    const place = doc.paths['/api/v1/orders']!.post!;
    assert.match(place.description!, /role trader/);
    assert.ok(place.requestBody!.content['application/json']!.schema.properties.quantity);
    assert.ok(doc.paths['/api/v1/orders/{id}']!.delete);
    assert.deepEqual(doc.paths['/api/v1/market']!.get!.security, [], 'market data is public');
  });

  it('a missing or unknown key is 401 and says how to get one', async () => {
    // The unknown key twice: the second answer comes from the gateway's key cache.
    for (const res of [await post(), await post('tw00000000_not-a-real-key'), await post('tw00000000_not-a-real-key')]) {
      assert.equal(res.status, 401);
      const body = await res.json() as ErrorBody;
      assert.equal(body.error.code, 'UNAUTHORIZED');
      assert.match(body.error.message, /tradewatch keys create --role/);
    }
  });

  it('a key whose role is too weak is 403 naming the role needed; Bearer works like X-API-Key', async () => {
    // Twice: the second answer comes from the gateway's key cache.
    for (const res of [await post(keys.viewer), await post(keys.viewer)]) {
      assert.equal(res.status, 403);
      const body = await res.json() as ErrorBody;
      assert.equal(body.error.code, 'FORBIDDEN');
      assert.match(body.error.message, /needs role trader/);
    }
    const read = await fetch(`${proc.url}/api/v1/orders`, { headers: { authorization: `Bearer ${keys.viewer}` } });
    assert.equal(read.status, 200, 'a viewer may read orders');
    assert.notEqual((await post(keys.trader)).status, 403, 'a trader may place orders');
  });

  it('a key over its rate gets 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res = await post(keys.slow);
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        assert.equal((await res.json() as ErrorBody).error.code, 'RATE_LIMITED');
      }
    }
    assert.ok(statuses.includes(429), `statuses ${statuses.join(',')}`);
    assert.ok(Number(retryAfter) >= 1, `Retry-After ${retryAfter}`);
  });

  it('the order WebSocket refuses an upgrade without a trader key', async () => {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${proc.url.replace('http', 'ws')}/ws/orders`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => { ws.close(); resolve(101); });
      ws.on('error', () => undefined);
    });
    assert.equal(status, 401);
  });

  it('keys create prints the key once; keys list shows its id and role, never the key', async () => {
    const created = await runCli(['keys', 'create', '--role', 'operator', '--name', 'ops', '--data-dir', proc.config.dataDir]);
    assert.equal(created.code, 0, created.stderr);
    const key = created.stdout.trim();
    assert.match(key, /^tw[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const listed = await runCli(['keys', 'list', '--json', '--data-dir', proc.config.dataDir]);
    assert.equal(listed.code, 0, listed.stderr);
    const [keyId, secret] = [key.slice(0, key.indexOf('_')), key.slice(key.indexOf('_') + 1)];
    assert.ok(!listed.stdout.includes(secret), 'the secret part never appears again');
    const ids = (JSON.parse(listed.stdout) as { keyId: string; role: string }[]).filter((k) => k.role === 'operator').map((k) => k.keyId);
    assert.deepEqual(ids, [keyId]);
    const bad = await runCli(['keys', 'create', '--role', 'king', '--data-dir', proc.config.dataDir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /viewer, trader, operator, admin/);
  });
});
