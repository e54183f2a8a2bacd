export * from './bus.js';
export { MemoryBus } from './memory-bus.js';
export { NatsBus } from './nats-bus.js';
export { openBus } from './open-bus.js';
export { IdempotencyFilter, idempotent } from './idempotency.js';
export { subjectMatches } from './subject-match.js';
