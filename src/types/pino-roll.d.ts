// pino-roll ships no types; this covers the options tradewatch uses.
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';

  export interface PinoRollOptions {
    /** Path without the number: `<file>.<n><extension>`. */
    file: string;
    extension?: string;
    /** '10m', '1g', or a number of MB. */
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    /** Files kept besides the current one. */
    limit?: { count: number; removeOtherLogFiles?: boolean };
    sync?: boolean;
  }

  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
}
