import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig, redactConfig } from '../../../src/platform/config/index.js';
import { configFromEnv } from '../../../src/platform/config/sources.js';
import { ConfigInvalid } from '../../../src/platform/errors/index.js';

const schema = z.strictObject({
  server: z.strictObject({ port: z.number().int().default(8080), host: z.string().default('127.0.0.1') }).default({ port: 8080, host: '127.0.0.1' }),
  seed: z.number().int().default(42),
  dataDir: z.string().default('./.tradewatch'),
  database: z.strictObject({ url: z.string().optional() }).default({}),
});

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'tw-config-')), 'c.yaml');
  writeFileSync(path, text);
  return path;
};

describe('config layering', () => {
  it('uses defaults when nothing is given', () => {
    assert.deepEqual(loadConfig(schema, {}), { server: { port: 8080, host: '127.0.0.1' }, seed: 42, dataDir: './.tradewatch', database: {} });
  });

  it('applies defaults < file < environment < flags', () => {
    const path = file('seed: 1\nserver:\n  port: 1000\n  host: 0.0.0.0\ndataDir: /from-file\n');
    const cfg = loadConfig(schema, {
      file: path,
      env: { TRADEWATCH_PORT: '2000', TRADEWATCH_SEED: '7' },
      flags: { seed: 9 },
    });
    assert.equal(cfg.server.port, 2000, 'environment beats the file');
    assert.equal(cfg.server.host, '0.0.0.0', 'file beats defaults, and merging keeps sibling keys');
    assert.equal(cfg.seed, 9, 'flags beat the environment');
    assert.equal(cfg.dataDir, '/from-file');
  });

  it('maps TRADEWATCH_SECTION__KEY to nested camelCase paths and ignores client variables', () => {
    assert.deepEqual(configFromEnv({ TRADEWATCH_MARKET_DATA__TICK_INTERVAL_MS: '25', TRADEWATCH_URL: 'http://x', TRADEWATCH_API_KEY: 'k', HOME: '/root' }), {
      marketData: { tickIntervalMs: 25 },
    });
  });

  it('reports every problem at once, each with its path', () => {
    const path = file('seed: many\nserver:\n  port: "eighty"\nunknownKey: 1\n');
    assert.throws(() => loadConfig(schema, { file: path }), (err: unknown) => {
      assert.ok(err instanceof ConfigInvalid);
      const paths = err.issues.map((i) => i.path).sort();
      assert.deepEqual(paths, ['(top level)', 'seed', 'server.port']);
      assert.match(err.issues.find((i) => i.path === '(top level)')!.message, /unknownKey/);
      return true;
    });
  });

  it('says a field that must be given and is not is required', () => {
    const withName = z.strictObject({ instrument: z.strictObject({ symbol: z.string(), tickSize: z.string() }) });
    assert.throws(() => loadConfig(withName, { flags: { instrument: { tickSize: '0.01' } } }), (err: unknown) => {
      assert.ok(err instanceof ConfigInvalid);
      assert.deepEqual(err.issues, [{ path: 'instrument.symbol', message: 'required' }]);
      return true;
    });
  });

  it('names a missing file and invalid YAML clearly', () => {
    assert.throws(() => loadConfig(schema, { file: '/nonexistent/tw.yaml' }), /file not found/);
    assert.throws(() => loadConfig(schema, { file: file('server: [unclosed\n') }), /not valid YAML/);
  });
});

describe('redaction', () => {
  it('hides secret keys and URL passwords, keeps the rest', () => {
    const out = redactConfig({ database: { url: 'postgres://app:hunter2@db:5432/tw' }, apiKey: 'abc', auth: { token: 't' }, seed: 42 }) as Record<string, unknown>;
    assert.deepEqual(out, { database: { url: 'postgres://app:***@db:5432/tw' }, apiKey: '[redacted]', auth: { token: '[redacted]' }, seed: 42 });
    assert.doesNotMatch(JSON.stringify(out), /hunter2/);
  });
});
