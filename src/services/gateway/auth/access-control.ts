import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../../platform/clock/index.js';
import { TradewatchError } from '../../../platform/errors/index.js';
import { hashKey, type ApiKeyRecord, type ApiKeyStore } from './api-key-store.js';
import { RateLimiter } from './rate-limiter.js';
import { roleCovers, type Role } from './roles.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The weakest role that may call this route; absent = public. */
    role?: Role;
  }
  interface FastifyRequest {
    apiKey?: ApiKeyRecord;
  }
}

/** How long a key lookup (found or not) is trusted: a revoked key stops working within this. */
const CACHE_MS = 10_000;
const MAX_CACHED = 10_000;
const HOW_TO_GET_A_KEY = 'create one with "tradewatch keys create --role <role>" and send it as the X-API-Key header';

export interface AccessOptions {
  keys: ApiKeyStore;
  clock: Clock;
  /** Requests per second per key by role, unless the key sets its own. */
  rateLimits: Record<Role, number>;
}

/**
 * API keys, roles and per-key rate limits for routes that declare `config: { role }`.
 * 401 when the key is missing or unknown, 403 when its role is too weak (the body names the role
 * needed), 429 with Retry-After when the key is over its rate.
 */
export function installAccessControl(app: FastifyInstance, opts: AccessOptions): KeyRateLimit {
  // Keyed by the key as presented, not by its hash: hashing every request cost ~2.5% of the
  // venue's main thread under HTTP order entry. The process holds the presented keys anyway
  // (they arrive in every request's headers), and entries live at most CACHE_MS.
  const cache = new Map<string, { record: ApiKeyRecord | null; untilMs: number }>();
  const limiter = new RateLimiter(opts.clock);

  /** The cached lookup of `key`, or undefined when it has none or it expired. */
  function cached(key: string): ApiKeyRecord | null | undefined {
    const hit = cache.get(key);
    return hit && hit.untilMs > opts.clock.now() ? hit.record : undefined;
  }

  async function lookup(key: string): Promise<ApiKeyRecord | null> {
    const record = await opts.keys.findByHash(hashKey(key));
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, { record, untilMs: opts.clock.now() + CACHE_MS });
    return record;
  }

  /** Admits a request made with `record` (null: unknown key) to a route that needs `needed`. */
  function admit(req: FastifyRequest, reply: FastifyReply, needed: Role, record: ApiKeyRecord | null): void {
    if (!record) throw new TradewatchError('UNAUTHORIZED', `the API key is not valid (unknown or revoked); ${HOW_TO_GET_A_KEY}`, 401);
    if (!roleCovers(record.role, needed)) {
      throw new TradewatchError('FORBIDDEN', `this route needs role ${needed} or above; key ${record.keyId} has role ${record.role}`, 403);
    }
    const waitS = limiter.take(record.keyId, record.rateLimitPerS ?? opts.rateLimits[record.role]);
    if (waitS > 0) {
      reply.header('retry-after', String(Math.max(1, Math.ceil(waitS))));
      throw new TradewatchError('RATE_LIMITED', `key ${record.keyId} is over its rate limit; retry after the Retry-After seconds`, 429);
    }
    req.apiKey = record;
  }

  // A callback hook, so that a cached key (nearly every request) costs no promise or extra turn.
  app.addHook('onRequest', (req, reply, done) => {
    const needed = req.routeOptions.config?.role;
    if (!needed) return done();
    const key = presentedKey(req);
    if (!key) return done(new TradewatchError('UNAUTHORIZED', `this route needs an API key with role ${needed} or above; ${HOW_TO_GET_A_KEY}`, 401));
    const settle = (record: ApiKeyRecord | null) => {
      try {
        admit(req, reply, needed, record);
      } catch (err) {
        return done(err as Error);
      }
      done();
    };
    const hit = cached(key);
    if (hit !== undefined) settle(hit);
    else lookup(key).then(settle, (err: unknown) => done(err as Error));
  });

  return (record) => limiter.take(record.keyId, record.rateLimitPerS ?? opts.rateLimits[record.role]);
}

/** For traffic after the upgrade (WebSocket messages): 0 to go ahead, else seconds to wait. */
export type KeyRateLimit = (record: ApiKeyRecord) => number;

/** X-API-Key, or Authorization: Bearer; WebSocket upgrades may use ?api_key= (browsers cannot set headers there). */
function presentedKey(req: FastifyRequest): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  if (req.headers.upgrade?.toLowerCase() === 'websocket') {
    const fromQuery = (req.query as Record<string, unknown> | undefined)?.api_key;
    if (typeof fromQuery === 'string' && fromQuery) return fromQuery;
  }
  return undefined;
}
