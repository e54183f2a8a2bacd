import { z } from 'zod';

/**
 * The whole configuration. Every key has a default, so an empty file (or none) runs the system.
 * Unknown keys are errors: a typo must not silently do nothing.
 * Sections owned by a service (e.g. `marketData`) are defined beside that service and joined here.
 */
const port = z.number().int().min(0).max(65535);

export const serverSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  /** Unset: 8080 for targets that include the gateway, the target's own metrics port otherwise. */
  port: port.optional(),
});

export const clockSchema = z.strictObject({
  mode: z.enum(['real', 'sim']).default('real'),
  /** Simulated seconds per wall second when mode is sim. */
  speed: z.number().positive().max(100_000).default(1),
});

export const logSchema = z.strictObject({
  level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Also write JSON lines to <dataDir>/logs/, in files that rotate by size. */
  file: z.boolean().default(true),
  /** Size at which a log file is closed and the next one started. */
  maxFileMb: z.number().int().min(1).max(10_000).default(50),
  /** Log files kept, the one being written included; older ones are deleted. */
  maxFiles: z.number().int().min(2).max(1000).default(5),
});

const urlWithScheme = (schemes: string[]) =>
  z.string().refine((u) => schemes.some((s) => u.startsWith(`${s}://`)), {
    message: `must start with ${schemes.map((s) => `${s}://`).join(' or ')}`,
  });

export const baseConfigSchema = z.strictObject({
  target: z.string().min(1).default('all'),
  dataDir: z.string().min(1).default('./.tradewatch'),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(42),
  server: serverSchema.default(serverSchema.parse({})),
  clock: clockSchema.default(clockSchema.parse({})),
  log: logSchema.default(logSchema.parse({})),
  database: z.strictObject({ url: urlWithScheme(['postgres', 'postgresql']).optional() }).default({}),
  bus: z.strictObject({ url: urlWithScheme(['nats']).optional() }).default({}),
  telemetry: z.strictObject({
    /** OTLP/HTTP traces endpoint; OTEL_EXPORTER_OTLP_ENDPOINT sets it too. */
    otlpEndpoint: z.string().url().optional(),
  }).default({}),
});
