/**
 * Garbage-collector settings for the venue, set before any other module runs (main.ts imports this
 * first). They change when V8 collects, not what it keeps, so they are safe for every command.
 * Measured with `bench:orders`-style load at 10,000 WebSocket orders/s on two cores:
 *
 * - No allocation-site pretenuring (V8's feedback on which allocation sites make long-lived
 *   objects). With it, each minor collection promoted about 4 MB of the objects made for orders
 *   into the old generation and paused 9-15 ms; without it, 0.3 MB and about 2-3 ms.
 * - The old generation grows to twice what survived the last full collection before the next
 *   one. V8's own rule gave a full collection every 2-4 s under that load (the heap barely grows,
 *   but its limit sat a few MB above the live data), each taking ~150 ms of a second core for
 *   concurrent marking and pausing the event loop 6-18 ms.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-allocation-site-pretenuring');
setFlagsFromString('--heap-growing-percent=100');
