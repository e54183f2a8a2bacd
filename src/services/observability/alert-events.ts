import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { wholeNumberParam } from '../../platform/http/index.js';
import type { Clock } from '../../platform/clock/index.js';
import { validate } from '../../platform/errors/index.js';
import { rowInserts, withIndexes, type Migration, type Row, type Store } from '../../platform/store/index.js';

const MIGRATIONS: Migration[] = [{
  version: 1, name: 'alert events',
  sql: withIndexes('alerts', `CREATE TABLE alerts.events (
    event_id TEXT PRIMARY KEY, received_ms BIGINT NOT NULL, receiver TEXT NOT NULL, status TEXT NOT NULL, alertname TEXT NOT NULL,
    severity TEXT, service TEXT, fingerprint TEXT NOT NULL, starts_at TEXT, ends_at TEXT, labels TEXT NOT NULL, annotations TEXT NOT NULL
  )`, [['events_received', 'events', 'received_ms']]),
}];

/** Alertmanager's webhook payload (version 4); unknown fields are ignored. */
const webhookPayload = z.object({
  receiver: z.string(),
  status: z.enum(['firing', 'resolved']),
  alerts: z.array(z.object({
    status: z.enum(['firing', 'resolved']),
    labels: z.record(z.string(), z.string()),
    annotations: z.record(z.string(), z.string()).default({}),
    startsAt: z.string().optional(),
    endsAt: z.string().optional(),
    fingerprint: z.string(),
  })).max(1000),
});
const listQuery = z.object({ limit: wholeNumberParam(1, 1000, 50), alertname: z.string().optional() });

export interface AlertEvent {
  receivedAt: string;
  receiver: string;
  status: 'firing' | 'resolved';
  alertname: string;
  severity: string | null;
  service: string | null;
  fingerprint: string;
  startsAt: string | null;
  endsAt: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** alerts.events: every alert of every notification Alertmanager sent us, as it arrived. */
export class AlertEventStore {
  constructor(private readonly ports: { readonly store: Store }) {}

  migrate(): Promise<void> {
    return this.ports.store.migrate('alerts', MIGRATIONS);
  }

  /** Stores a notification's alerts; a redelivered notification (same alert, status and start) is stored once. */
  async record(payload: z.output<typeof webhookPayload>, receivedMs: number): Promise<number> {
    const rows = payload.alerts.map((a) => [
      `${a.fingerprint}:${a.status}:${a.startsAt ?? ''}:${a.endsAt ?? ''}`, receivedMs, payload.receiver, a.status, a.labels.alertname ?? 'unknown',
      a.labels.severity ?? null, a.labels.service ?? null, a.fingerprint, a.startsAt ?? null, a.endsAt ?? null, JSON.stringify(a.labels), JSON.stringify(a.annotations),
    ]);
    const unique = [...new Map(rows.map((r) => [r[0], r])).values()];
    if (unique.length === 0) return 0;
    await this.ports.store.commit(rowInserts(
      'INSERT INTO alerts.events (event_id, received_ms, receiver, status, alertname, severity, service, fingerprint, starts_at, ends_at, labels, annotations) VALUES',
      'ON CONFLICT (event_id) DO NOTHING', unique));
    return unique.length;
  }

  async latest(limit: number, alertname?: string): Promise<AlertEvent[]> {
    const rows = alertname
      ? await this.ports.store.query('SELECT * FROM alerts.events WHERE alertname = $1 ORDER BY received_ms DESC LIMIT $2', [alertname, limit])
      : await this.ports.store.query('SELECT * FROM alerts.events ORDER BY received_ms DESC LIMIT $1', [limit]);
    return rows.map(toEvent);
  }
}

function toEvent(r: Row): AlertEvent {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    receivedAt: new Date(Number(r.received_ms)).toISOString(), receiver: String(r.receiver), status: r.status as AlertEvent['status'],
    alertname: String(r.alertname), severity: text(r.severity), service: text(r.service), fingerprint: String(r.fingerprint),
    startsAt: text(r.starts_at), endsAt: text(r.ends_at),
    labels: JSON.parse(String(r.labels)) as Record<string, string>, annotations: JSON.parse(String(r.annotations)) as Record<string, string>,
  };
}

/**
 * POST /api/v1/alerts/webhook: Alertmanager's webhook receiver (no key: Alertmanager sends none;
 * keep the gateway on a private address). GET /api/v1/alerts: the stored alert events, newest first.
 */
export function installAlertRoutes(app: FastifyInstance, events: AlertEventStore, clock: Clock): void {
  app.post('/api/v1/alerts/webhook', { config: { summary: 'Alertmanager webhook receiver: stores every alert of the notification', body: webhookPayload } },
    async (req) => ({ stored: await events.record(validate(webhookPayload, req.body), clock.now()) }));
  app.get('/api/v1/alerts', { config: { role: 'viewer', summary: 'Alert notifications received from Alertmanager, newest first', query: listQuery } },
    async (req) => {
      const q = validate(listQuery, req.query);
      return { alerts: await events.latest(q.limit, q.alertname) };
    });
}
