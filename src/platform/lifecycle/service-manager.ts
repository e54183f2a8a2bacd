import type { DependencyCheck, ModuleDefinition, ModuleState, Service } from './module.js';
import { ModuleStartFailed } from './module.js';

export interface ModuleStatus {
  name: string;
  level: number;
  state: ModuleState;
  dependsOn: readonly string[];
  error?: string;
}

interface Entry {
  def: ModuleDefinition<unknown>;
  level: number;
  service: Service;
  state: ModuleState;
  error?: string;
}

export interface ManagerEvents {
  onStateChange?(name: string, state: ModuleState, error?: string): void;
}

/**
 * Runs the modules of one target: starts them level by level (a level's modules together),
 * stops them in reverse. If one fails to start, what already runs is stopped and the failure,
 * naming the module, is thrown.
 */
export class ServiceManager {
  private readonly levels: Entry[][];

  constructor(levels: ModuleDefinition<unknown>[][], create: (def: ModuleDefinition<unknown>) => Service, private readonly events: ManagerEvents = {}) {
    this.levels = levels.map((defs, level) =>
      defs.map((def) => ({ def, level, service: create(def), state: 'new' as ModuleState })));
  }

  async startAll(): Promise<void> {
    for (const level of this.levels) {
      const results = await Promise.allSettled(level.map((e) => this.startOne(e)));
      const failed = results.findIndex((r) => r.status === 'rejected');
      if (failed >= 0) {
        await this.stopAll();
        throw new ModuleStartFailed(level[failed]!.def.name, (results[failed] as PromiseRejectedResult).reason);
      }
    }
  }

  async stopAll(timeoutMs = 4000): Promise<void> {
    for (const level of [...this.levels].reverse()) {
      await Promise.all(level.filter((e) => e.state === 'running' || e.state === 'starting').map((e) => this.stopOne(e, timeoutMs)));
    }
  }

  status(): ModuleStatus[] {
    return this.levels.flat().map((e) => ({
      name: e.def.name, level: e.level, state: e.state, dependsOn: e.def.dependsOn, ...(e.error ? { error: e.error } : {}),
    }));
  }

  async checks(): Promise<Map<string, DependencyCheck[]>> {
    const entries = this.levels.flat();
    const results = await Promise.all(entries.map(async (e) => {
      if (e.state !== 'running' || !e.service.checks) return [] as DependencyCheck[];
      try {
        return await e.service.checks();
      } catch (err) {
        return [{ name: e.def.name, ok: false, detail: (err as Error).message }];
      }
    }));
    return new Map(entries.map((e, i) => [e.def.name, results[i]!]));
  }

  allRunning(): boolean {
    return this.levels.flat().every((e) => e.state === 'running');
  }

  private async startOne(e: Entry): Promise<void> {
    this.setState(e, 'starting');
    try {
      await e.service.start();
      this.setState(e, 'running');
    } catch (err) {
      this.setState(e, 'failed', err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  private async stopOne(e: Entry, timeoutMs: number): Promise<void> {
    this.setState(e, 'stopping');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`did not stop within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([e.service.stop(), timeout]);
      this.setState(e, 'terminated');
    } catch (err) {
      this.setState(e, 'failed', `stop: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  private setState(e: Entry, state: ModuleState, error?: string): void {
    e.state = state;
    e.error = error;
    this.events.onStateChange?.(e.def.name, state, error);
  }
}
