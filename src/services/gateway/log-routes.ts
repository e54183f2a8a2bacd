import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { z } from 'zod';
import { wholeNumberParam } from '../../platform/http/index.js';
import { validate } from '../../platform/errors/index.js';
import { LEVELS, logFiles, searchLogs } from '../../platform/telemetry/log-search.js';

const idList = z.string().max(2000).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const logsQuery = z.object({
  /** Comma-separated request, correlation or trace ids: the lines of one piece of work. */
  ids: idList.optional(),
  service: z.string().max(64).optional(),
  level: z.enum(LEVELS as [string, ...string[]]).optional(),
  since: z.string().datetime({ offset: true }).transform((t) => Date.parse(t)).optional(),
  grep: z.string().max(200).optional(),
  limit: wholeNumberParam(1, 1000, 100),
});

/**
 * The log lines in this process's data dir (<dataDir>/logs), for operators without a shell on
 * the box: with target `all` that is every service. A distributed deployment searches Loki.
 */
export function installLogRoutes(app: FastifyInstance, dataDir: string): void {
  const dir = join(dataDir, 'logs');
  app.get('/api/v1/logs', { config: { role: 'viewer' as const, summary: 'Search the log lines of this process by ids (request, correlation, trace), service, level, time and text', query: logsQuery } }, async (req) => {
    const q = validate(logsQuery, req.query);
    const lines = await searchLogs(logFiles(dir), {
      anyId: q.ids && new Set(q.ids), service: q.service, level: q.level, sinceMs: q.since, text: q.grep,
    }, q.limit);
    return { lines };
  });
}
