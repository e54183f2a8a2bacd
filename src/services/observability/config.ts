import { z } from 'zod';

const port = z.number().int().min(1).max(65_535);

/** The `observability` section: the Prometheus and Alertmanager that `tradewatch start` runs. */
export const observabilityConfigSchema = z.strictObject({
  prometheus: z.strictObject({
    /** false: never start it (e.g. you run your own). */
    enabled: z.boolean().default(true),
    /** The binary; default: `prometheus` on PATH. */
    binary: z.string().optional(),
    port: port.default(9090),
    scrapeIntervalSeconds: z.number().int().min(1).max(300).default(5),
    evaluationIntervalSeconds: z.number().int().min(1).max(300).default(5),
    /** More processes to scrape (host:port), e.g. the targets of a distributed run. */
    extraTargets: z.array(z.string().regex(/^[^\s/]+:\d+$/, 'host:port')).default([]),
  }).default({ enabled: true, port: 9090, scrapeIntervalSeconds: 5, evaluationIntervalSeconds: 5, extraTargets: [] }),
  alertmanager: z.strictObject({
    enabled: z.boolean().default(true),
    binary: z.string().optional(),
    port: port.default(9093),
  }).default({ enabled: true, port: 9093 }),
  /** A Grafana this deployment uses (tradewatch does not run it): its health shows in /health and `tradewatch health`. */
  grafana: z.strictObject({ url: z.string().url().optional() }).default({}),
});

export type ObservabilityConfig = z.output<typeof observabilityConfigSchema>;
