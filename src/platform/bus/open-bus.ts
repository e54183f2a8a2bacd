import type { Bus } from './bus.js';
import { MemoryBus } from './memory-bus.js';
import { NatsBus } from './nats-bus.js';

/** NATS JetStream when `url` is nats://..., the in-process bus when no url is set. */
export async function openBus(opts: { url?: string; name?: string }): Promise<Bus> {
  if (!opts.url) return new MemoryBus();
  if (opts.url.startsWith('nats://')) return NatsBus.open(opts.url, { name: opts.name });
  // Only the scheme is shown: the rest of a url may hold credentials.
  throw new Error(`bus.url must start with nats:// (got "${opts.url.split(':')[0]}:..."); leave it unset for the in-process bus`);
}
