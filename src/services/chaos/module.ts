import { join } from 'node:path';
import { z } from 'zod';
import { Gauge } from 'prom-client';
import type { ModuleContext } from '../../app/context.js';
import type { ChaosMode } from '../../contracts/chaos.js';
import { CHAOS_SUBJECTS } from '../../contracts/subjects.js';
import type { Subscription } from '../../platform/bus/index.js';
import type { TimerHandle } from '../../platform/clock/index.js';
import { validate } from '../../platform/errors/index.js';
import type { ModuleDefinition } from '../../platform/lifecycle/index.js';
import { FlagFile } from './flag-file.js';

/**
 * The classic chaos mode: on while <dataDir>/chaos.flag exists (the API creates and removes it;
 * so may a person). The mode goes out on the bus at every switch and every few seconds; the
 * exchange and the custodian apply its effects. The gauge is for the audit correlator and
 * dashboards only: no alert rule may read it (alerts must catch the symptoms).
 */
export const chaosModule: ModuleDefinition<ModuleContext> = {
  name: 'chaos',
  description: 'classic chaos mode: switched by the flag file chaos.flag in the data dir or the API; slower, failing orders and more settlement failures while on',
  dependsOn: ['bus'],
  targetable: true,
  create(ctx) {
    const cfg = ctx.config.chaos;
    const flag = new FlagFile(join(ctx.config.dataDir, 'chaos.flag'));
    const gauge = new Gauge({ name: 'tradewatch_chaos_mode_enabled', help: '1 while chaos mode is on (for the audit correlator; never for alert rules)', registers: [ctx.registry] });
    let mode: ChaosMode = { enabled: false, sinceMs: null, source: 'start', flagFile: flag.path, effects: cfg.effects };
    const timers: TimerHandle[] = [];
    const subs: Subscription[] = [];

    const announce = () => ctx.ports.bus.publish(CHAOS_SUBJECTS.mode, mode).catch((err: unknown) => ctx.logger.warn({ err: (err as Error).message }, 'chaos mode announcement failed'));
    const follow = (enabled: boolean, source: ChaosMode['source']) => {
      if (enabled === mode.enabled) return;
      mode = { ...mode, enabled, sinceMs: ctx.clock.now(), source };
      gauge.set(enabled ? 1 : 0);
      if (enabled) ctx.logger.warn({ source, flag_file: flag.path, effects: cfg.effects }, 'chaos mode ON: orders slowed and failing, settlements failing more');
      else ctx.logger.warn({ source, flag_file: flag.path }, 'chaos mode OFF');
      void announce();
    };

    return {
      async start() {
        follow(flag.present, 'flag-file');
        timers.push(ctx.clock.setInterval(() => follow(flag.present, 'flag-file'), cfg.flagPollMs));
        timers.push(ctx.clock.setInterval(() => void announce(), cfg.announceMs));
        subs.push(
          await ctx.ports.bus.respond(CHAOS_SUBJECTS.status, () => mode),
          await ctx.ports.bus.respond(CHAOS_SUBJECTS.set, (m) => {
            const { enabled } = validate(z.strictObject({ enabled: z.boolean() }), m.data);
            flag.set(enabled, `chaos mode on since ${new Date(ctx.clock.now()).toISOString()} (set through the API)`);
            follow(enabled, 'api');
            return mode;
          }),
        );
        void announce();
      },
      async stop() {
        for (const t of timers.splice(0)) ctx.clock.clearTimer(t);
        await Promise.all(subs.splice(0).map((s) => s.unsubscribe()));
      },
    };
  },
};
