import { CHAOS_SUBJECTS } from '../../../contracts/subjects.js';
import type { ChaosEffects, ChaosMode } from '../../../contracts/chaos.js';
import type { Bus, Subscription } from '../../../platform/bus/index.js';
import type { Clock } from '../../../platform/clock/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';

/** Announcements are every few seconds; after this long without one the mode counts as off. */
const SILENCE_MS = 10_000;

/**
 * What a service knows of chaos mode: the last announcement, for as long as announcements keep
 * coming (a chaos module that stops or dies must not leave the venue failing forever).
 */
export class ChaosFollower {
  private mode: ChaosMode | null = null;
  private heardMs = 0;
  private sub?: Subscription;

  constructor(private readonly deps: { bus: Bus; clock: Clock; logger: Logger }) {}

  async start(): Promise<void> {
    this.sub = await this.deps.bus.subscribe<ChaosMode>(CHAOS_SUBJECTS.mode, (m) => {
      const was = this.effects;
      this.mode = m.data;
      this.heardMs = this.deps.clock.now();
      const now = this.effects;
      if ((was === null) !== (now === null)) this.deps.logger.warn({ chaos: now !== null }, now ? 'chaos mode is on: injecting faults' : 'chaos mode is off');
    });
  }

  /** The effects to apply now, or null when chaos mode is off (or unheard of for too long). */
  get effects(): ChaosEffects | null {
    if (!this.mode?.enabled || this.deps.clock.now() - this.heardMs > SILENCE_MS) return null;
    return this.mode.effects;
  }

  async stop(): Promise<void> {
    await this.sub?.unsubscribe();
  }
}
