import type { FastifyInstance } from 'fastify';
import type { Tracer } from '@opentelemetry/api';
import type { Registry } from 'prom-client';
import type { Bus } from '../platform/bus/bus.js';
import type { Clock } from '../platform/clock/index.js';
import type { RandomStreams } from '../platform/random/index.js';
import type { Store } from '../platform/store/store.js';
import type { Logger } from '../platform/telemetry/index.js';
import type { AppConfig } from './config.js';

/** The ports that infrastructure modules open; a service may use them from its start() on. */
export class Ports {
  private storeRef?: Store;
  private busRef?: Bus;

  set store(s: Store | undefined) { this.storeRef = s; }
  set bus(b: Bus | undefined) { this.busRef = b; }

  get store(): Store {
    if (!this.storeRef) throw new Error('the store is not open yet: add "store" to this module\'s dependsOn');
    return this.storeRef;
  }

  get bus(): Bus {
    if (!this.busRef) throw new Error('the bus is not open yet: add "bus" to this module\'s dependsOn');
    return this.busRef;
  }
}

/** What every module is built with. Its logger already carries `service: <module name>`. */
export interface ModuleContext {
  config: AppConfig;
  clock: Clock;
  random: RandomStreams;
  logger: Logger;
  registry: Registry;
  tracer: Tracer;
  http: FastifyInstance;
  ports: Ports;
}
