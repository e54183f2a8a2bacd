import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

describe('log shipping config (deploy/alloy)', () => {
  const config = readFileSync('deploy/alloy/config.alloy', 'utf8');

  it('labels Loki streams only with service and level (plus the constant app)', () => {
    const labelBlocks = [...config.matchAll(/stage\.labels\s*\{\s*values\s*=\s*\{([^}]*)\}/g)].map((m) => m[1]!);
    assert.equal(labelBlocks.length, 1);
    const names = [...labelBlocks[0]!.matchAll(/(\w+)\s*=/g)].map((m) => m[1]).sort();
    assert.deepEqual(names, ['level', 'service']);
    for (const id of ['request_id', 'trace_id', 'correlation_id', 'order_id']) {
      assert.ok(!new RegExp(`stage\\.labels[^}]*${id}`).test(config), `${id} is never a label`);
    }
  });

  it('reads the files tradewatch writes and pushes to Loki', () => {
    assert.match(config, /tradewatch\*\.log\*/);
    assert.match(config, /\/loki\/api\/v1\/push/);
  });
});
