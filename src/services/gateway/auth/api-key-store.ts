import { createHash, randomBytes } from 'node:crypto';
import type { Migration, Store } from '../../../platform/store/index.js';
import type { Role } from './roles.js';

export const AUTH_SCHEMA = 'gateway';

const MIGRATIONS: Migration[] = [{
  version: 1, name: 'api keys',
  sql: `CREATE TABLE gateway.api_keys (
    key_id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, name TEXT NOT NULL,
    rate_limit_per_s INTEGER, created_ms BIGINT NOT NULL, revoked_ms BIGINT
  )`,
}];

/** A stored key: never the key itself, only its SHA-256. */
export interface ApiKeyRecord {
  keyId: string;
  role: Role;
  name: string;
  /** Requests per second allowed to this key; null takes the role's default. */
  rateLimitPerS: number | null;
  createdMs: number;
  revokedMs: number | null;
}

/**
 * Keys are 32 random bytes, so a plain SHA-256 is enough to store them (a slow password hash
 * protects guessable secrets; these are not guessable). The key id is a public handle to list
 * and revoke keys by; it is also the start of the key, so a user can tell their keys apart.
 */
export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export class ApiKeyStore {
  /** `ports.store` is read when used: the gateway builds this before its store opens. */
  constructor(private readonly ports: { readonly store: Store }) {}

  private get store(): Store {
    return this.ports.store;
  }

  migrate(): Promise<void> {
    return this.store.migrate(AUTH_SCHEMA, MIGRATIONS);
  }

  /** Creates a key; the returned `key` is the only time it is ever seen. */
  async create(role: Role, name: string, rateLimitPerS: number | null, nowMs: number): Promise<{ key: string; record: ApiKeyRecord }> {
    const keyId = `tw${randomBytes(4).toString('hex')}`;
    const key = `${keyId}_${randomBytes(32).toString('base64url')}`;
    await this.store.execute(
      'INSERT INTO gateway.api_keys (key_id, key_hash, role, name, rate_limit_per_s, created_ms) VALUES ($1, $2, $3, $4, $5, $6)',
      [keyId, hashKey(key), role, name, rateLimitPerS, nowMs]);
    return { key, record: { keyId, role, name, rateLimitPerS, createdMs: nowMs, revokedMs: null } };
  }

  /** The live (not revoked) key with this hash, if any. */
  async findByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const [row] = await this.store.query(`SELECT ${COLUMNS} FROM gateway.api_keys WHERE key_hash = $1 AND revoked_ms IS NULL`, [keyHash]);
    return row ? toRecord(row) : null;
  }

  async list(): Promise<ApiKeyRecord[]> {
    return (await this.store.query(`SELECT ${COLUMNS} FROM gateway.api_keys ORDER BY created_ms, key_id`)).map(toRecord);
  }

  /** True when a live key was revoked. */
  async revoke(keyId: string, nowMs: number): Promise<boolean> {
    const { rowCount } = await this.store.execute('UPDATE gateway.api_keys SET revoked_ms = $1 WHERE key_id = $2 AND revoked_ms IS NULL', [nowMs, keyId]);
    return rowCount > 0;
  }
}

const COLUMNS = 'key_id, role, name, rate_limit_per_s, created_ms, revoked_ms';

function toRecord(r: Record<string, unknown>): ApiKeyRecord {
  return {
    keyId: String(r.key_id), role: r.role as Role, name: String(r.name),
    rateLimitPerS: r.rate_limit_per_s === null ? null : Number(r.rate_limit_per_s),
    createdMs: Number(r.created_ms), revokedMs: r.revoked_ms === null ? null : Number(r.revoked_ms),
  };
}
