export type { Clock, TimerHandle } from './clock.js';
export { RealClock } from './real-clock.js';
export { SimClock } from './sim-clock.js';
export { everySerially, type SerialInterval } from './serial-interval.js';
