import type { ModuleDefinition } from './module.js';

export const ALL_TARGET = 'all';

/** The names in a target as given (`gateway, exchange` -> gateway, exchange), each once. */
export function targetNames(target: string): string[] {
  return [...new Set(target.split(',').map((n) => n.trim()))];
}

/**
 * The dependency table of modules. A target is `all`, one targetable module, or several joined by
 * commas (`gateway,exchange`); it runs those modules and everything they depend on, started level
 * by level (a module's level is one more than its deepest dependency's).
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
      for (const before of def.startsAfter ?? []) {
        if (!this.byName.has(before)) throw new Error(`module "${def.name}" starts after unknown module "${before}"`);
      }
    }
    // Throws on a cycle.
    for (const def of definitions) this.level(def.name);
  }

  get modules(): ModuleDefinition<Ctx>[] {
    return [...this.byName.values()];
  }

  targets(): string[] {
    return [ALL_TARGET, ...this.modules.filter((m) => m.targetable).map((m) => m.name)];
  }

  /** The modules a target runs, grouped by start level (level 0 first). */
  resolve(target: string): ModuleDefinition<Ctx>[][] {
    const roots = this.rootsOf(target);
    const included = new Set<string>();
    const visit = (name: string) => {
      if (included.has(name)) return;
      included.add(name);
      for (const dep of this.byName.get(name)!.dependsOn) visit(dep);
    };
    roots.forEach(visit);
    const levels: ModuleDefinition<Ctx>[][] = [];
    for (const name of included) {
      const lvl = this.levelIn(included, name, []);
      (levels[lvl] ??= []).push(this.byName.get(name)!);
    }
    return levels.filter((l) => l.length > 0);
  }

  /** A module's start level when every module runs (target all). */
  level(name: string): number {
    return this.levelIn(new Set(this.byName.keys()), name, []);
  }

  /**
   * One more than the deepest of its dependencies and of the modules in `running` it starts after;
   * 0 without either.
   */
  private levelIn(running: ReadonlySet<string>, name: string, path: string[]): number {
    if (path.includes(name)) throw new Error(`dependency cycle: ${[...path, name].join(' -> ')}`);
    const def = this.byName.get(name)!;
    const before = [...def.dependsOn, ...(def.startsAfter ?? []).filter((n) => running.has(n))];
    if (before.length === 0) return 0;
    return 1 + Math.max(...before.map((d) => this.levelIn(running, d, [...path, name])));
  }

  /** The modules a target names; throws, listing the choices, on anything that is not a target. */
  private rootsOf(target: string): string[] {
    const names = targetNames(target);
    if (names.includes(ALL_TARGET)) {
      if (names.length === 1) return this.modules.map((m) => m.name);
      throw new Error(`target "${target}": "${ALL_TARGET}" already runs every module; give it alone or list modules without it`);
    }
    const unknown = names.filter((n) => !this.byName.get(n)?.targetable);
    if (unknown.length > 0) {
      const which = unknown.map((n) => `"${n}"`).join(', ');
      throw new Error(`unknown target ${which}; choose one of: ${this.targets().join(', ')}, or several joined by commas (see tradewatch list-targets)`);
    }
    return names;
  }
}
