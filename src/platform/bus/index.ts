export * from './bus.js';
export type { RetryPolicy } from './durable-log.js';
export { MemoryBus } from './memory-bus.js';
export { NatsBus, type NatsBusOptions } from './nats-bus.js';
export { openBus } from './open-bus.js';
export { IdempotencyFilter, idempotent } from './idempotency.js';
export { subjectMatches } from './subject-match.js';
export { replyOf, unwrapReply, type ReplyEnvelope } from './envelope.js';
