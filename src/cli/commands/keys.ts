import { Option, type Command } from 'commander';
import { ApiKeyStore, isRole, ROLE_DUTIES, ROLES, type Role } from '../../services/gateway/auth/index.js';
import { addConfigOptions } from '../config-options.js';
import { EXIT } from '../exit-codes.js';
import { loadAppConfig } from '../load-app-config.js';
import { formatTable, printJson } from '../output.js';

const storeOptions = (cmd: Command) => addConfigOptions(cmd).option('--json', 'print JSON');

/** Opens the configured store (the same data dir or database the gateway uses), runs `fn`, closes it. */
async function withKeys<T>(opts: Record<string, unknown>, fn: (keys: ApiKeyStore) => Promise<T>): Promise<T> {
  const config = loadAppConfig(opts);
  const { openStore } = await import('../../platform/store/index.js');
  const store = await openStore({ url: config.database.url, dataDir: config.dataDir });
  try {
    const keys = new ApiKeyStore({ store });
    await keys.migrate();
    return await fn(keys);
  } finally {
    await store.close();
  }
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('API keys for the gateway: create, list, revoke (works on the store directly, the system may be running)')
    .addHelpText('after', `\nRoles, each including the ones before it:\n${ROLES.map((r) => `  ${r.padEnd(9)} ${ROLE_DUTIES[r]}`).join('\n')}`);

  storeOptions(keys.command('create'))
    .description('create a key and print it once (only its hash is stored)')
    .addOption(new Option('--role <role>', 'what the key may do').choices([...ROLES]).makeOptionMandatory())
    .option('--name <name>', 'a label to tell keys apart', 'unnamed')
    .option('--rate-limit <n>', 'requests per second for this key (default: the role\'s, see gateway.rateLimits)', (v) => {
      const n = Number(v);
      if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--rate-limit must be a positive number, got "${v}"`);
      return n;
    })
    .action(async (opts: Record<string, unknown>) => {
      const role = opts.role as Role;
      if (!isRole(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
      const { key, record } = await withKeys(opts, (k) => k.create(role, String(opts.name), (opts.rateLimit as number | undefined) ?? null, Date.now()));
      if (opts.json) return printJson({ key, key_id: record.keyId, role: record.role, name: record.name, rate_limit_per_s: record.rateLimitPerS });
      process.stdout.write(`${key}\n`);
      process.stderr.write(`created key ${record.keyId} (role ${record.role}). It is shown only now: store it safely.\n` +
        `Send it as the X-API-Key header (or Authorization: Bearer <key>).\n`);
    });

  storeOptions(keys.command('list'))
    .description('list keys (ids, roles, names; never the keys themselves)')
    .action(async (opts: Record<string, unknown>) => {
      const all = await withKeys(opts, (k) => k.list());
      if (opts.json) return printJson(all);
      process.stdout.write(`${formatTable(['KEY ID', 'ROLE', 'NAME', 'RATE/S', 'CREATED', 'REVOKED'],
        all.map((r) => [r.keyId, r.role, r.name, r.rateLimitPerS === null ? 'role' : String(r.rateLimitPerS), iso(r.createdMs), iso(r.revokedMs)]))}\n`);
    });

  storeOptions(keys.command('revoke'))
    .description('revoke a key by its id (takes effect within 10 s on running gateways)')
    .argument('<key-id>', 'the id shown by "keys list"')
    .action(async (keyId: string, opts: Record<string, unknown>) => {
      const revoked = await withKeys(opts, (k) => k.revoke(keyId, Date.now()));
      if (opts.json) printJson({ key_id: keyId, revoked });
      else process.stdout.write(revoked ? `revoked ${keyId}\n` : `no live key ${keyId}\n`);
      if (!revoked) process.exitCode = EXIT.FAILURE;
    });
}
