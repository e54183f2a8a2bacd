import type { FastifyInstance } from 'fastify';
import type { Tracer } from '@opentelemetry/api';
import type { Bus } from '../platform/bus/bus.js';
import type { Clock } from '../platform/clock/index.js';
import type { RandomStreams } from '../platform/random/index.js';
import type { Store } from '../platform/store/store.js';
import { isTracedBus, type Logger } from '../platform/telemetry/index.js';
import type { AppConfig } from './config.js';
import type { MetricsRegistry } from '../platform/telemetry/index.js';

/**
 * The ports that infrastructure modules open; a service may use them from its start() on.
 * Each module sees them through forModule(its tracer), so the spans of its bus handlers carry
 * its own service name.
 */
export class Ports {
  private constructor(private readonly open: { store?: Store; bus?: Bus }, private readonly tracer?: Tracer) {}

  static create(): Ports {
    return new Ports({});
  }

  forModule(tracer: Tracer): Ports {
    return new Ports(this.open, tracer);
  }

  set store(s: Store | undefined) { this.open.store = s; }
  set bus(b: Bus | undefined) { this.open.bus = b; }

  get store(): Store {
    if (!this.open.store) throw new Error('the store is not open yet: add "store" to this module\'s dependsOn');
    return this.open.store;
  }

  get bus(): Bus {
    const bus = this.open.bus;
    if (!bus) throw new Error('the bus is not open yet: add "bus" to this module\'s dependsOn');
    return this.tracer && isTracedBus(bus) ? bus.as(this.tracer) : bus;
  }
}

/** What every module is built with. Its logger already carries `service: <module name>`. */
export interface ModuleContext {
  config: AppConfig;
  clock: Clock;
  random: RandomStreams;
  logger: Logger;
  registry: MetricsRegistry;
  tracer: Tracer;
  http: FastifyInstance;
  ports: Ports;
}
