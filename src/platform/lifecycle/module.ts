/** A running part of the process: a service, or an infrastructure port such as the store. */
export interface Service {
  /** Does the I/O: connect, open, subscribe, begin timers. */
  start(): Promise<void>;
  /** Stops taking work, drains what is in flight, releases resources. */
  stop(): Promise<void>;
  /** What this module depends on outside itself, checked for /health and readiness. */
  checks?(): Promise<DependencyCheck[]>;
}

export interface DependencyCheck {
  name: string;
  ok: boolean;
  latencyMs?: number;
  detail: string;
  /**
   * false: a failure shows as "degraded" in /health but does not make the process unready (a
   * side service such as the supervised Prometheus must not take the venue out of rotation).
   */
  required?: boolean;
}

export type ModuleState = 'new' | 'starting' | 'running' | 'stopping' | 'terminated' | 'failed';

export interface ModuleDefinition<Ctx> {
  name: string;
  description: string;
  dependsOn: readonly string[];
  /**
   * Modules that, when this process runs them too, must be running before this one starts: they
   * are reached over the bus, so this is no dependency (another process may run them, or none),
   * only an order. The strategy engine starts after the exchange, whose recovery can take a while.
   */
  startsAfter?: readonly string[];
  /** Only targetable modules can be named with --target; the rest are pulled in as dependencies. */
  targetable: boolean;
  /** Builds the service without I/O: registers routes and metrics. I/O waits for start(). */
  create(ctx: Ctx): Service;
}

export class ModuleStartFailed extends Error {
  constructor(readonly module: string, cause: unknown) {
    super(`module "${module}" failed to start: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ModuleStartFailed';
  }
}
