import type { Bus } from './bus.js';
import { MemoryBus } from './memory-bus.js';
import { NatsBus } from './nats-bus.js';

/** NATS JetStream when `url` is nats://..., the in-process bus otherwise. */
export async function openBus(opts: { url?: string; name?: string }): Promise<Bus> {
  if (!opts.url) return new MemoryBus();
  if (opts.url.startsWith('nats://')) return NatsBus.open(opts.url, opts.name);
  throw new Error(`bus.url must start with nats:// (got "${opts.url.split(':')[0]}:..."); leave it unset for the in-process bus`);
}
