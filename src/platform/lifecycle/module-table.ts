import type { ModuleDefinition } from './module.js';

export const ALL_TARGET = 'all';

/**
 * The dependency table of modules. A target is `all` or one targetable module; it runs that
 * module and everything it depends on, started level by level (a module's level is one more than
 * its deepest dependency's).
 */
export class ModuleTable<Ctx> {
  private readonly byName = new Map<string, ModuleDefinition<Ctx>>();

  constructor(definitions: readonly ModuleDefinition<Ctx>[]) {
    for (const def of definitions) {
      if (this.byName.has(def.name)) throw new Error(`module "${def.name}" is defined twice`);
      this.byName.set(def.name, def);
    }
    for (const def of definitions) {
      for (const dep of def.dependsOn) {
        if (!this.byName.has(dep)) throw new Error(`module "${def.name}" depends on unknown module "${dep}"`);
      }
    }
    for (const def of definitions) this.level(def.name, []);
  }

  get modules(): ModuleDefinition<Ctx>[] {
    return [...this.byName.values()];
  }

  targets(): string[] {
    return [ALL_TARGET, ...this.modules.filter((m) => m.targetable).map((m) => m.name)];
  }

  /** The modules a target runs, grouped by start level (level 0 first). */
  resolve(target: string): ModuleDefinition<Ctx>[][] {
    const roots = target === ALL_TARGET
      ? this.modules.map((m) => m.name)
      : this.byName.get(target)?.targetable ? [target] : undefined;
    if (!roots) {
      throw new Error(`unknown target "${target}"; choose one of: ${this.targets().join(', ')} (see tradewatch list-targets)`);
    }
    const included = new Set<string>();
    const visit = (name: string) => {
      if (included.has(name)) return;
      included.add(name);
      for (const dep of this.byName.get(name)!.dependsOn) visit(dep);
    };
    roots.forEach(visit);
    const levels: ModuleDefinition<Ctx>[][] = [];
    for (const name of included) {
      const lvl = this.level(name, []);
      (levels[lvl] ??= []).push(this.byName.get(name)!);
    }
    return levels.filter((l) => l.length > 0);
  }

  level(name: string, path: string[]): number {
    if (path.includes(name)) throw new Error(`dependency cycle: ${[...path, name].join(' -> ')}`);
    const def = this.byName.get(name)!;
    if (def.dependsOn.length === 0) return 0;
    return 1 + Math.max(...def.dependsOn.map((d) => this.level(d, [...path, name])));
  }
}
