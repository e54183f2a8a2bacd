import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { issueKey } from '../support/api-keys.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

const notification = (status: 'firing' | 'resolved') => ({
  version: '4', groupKey: '{}:{alertname="ExchangeUnavailable"}', status, receiver: 'critical',
  groupLabels: { alertname: 'ExchangeUnavailable' }, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://am:9093',
  alerts: [{
    status, labels: { alertname: 'ExchangeUnavailable', severity: 'critical', service: 'exchange' },
    annotations: { summary: 'the exchange takes no orders', runbook_url: 'docs/runbooks/ExchangeUnavailable.md' },
    startsAt: '2026-11-23T10:00:00Z', endsAt: status === 'resolved' ? '2026-11-23T10:05:00Z' : '0001-01-01T00:00:00Z',
    generatorURL: 'http://prom:9090/graph', fingerprint: 'abc123',
  }],
});

describe('Alertmanager webhook receiver', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>>;
  let viewer = '';
  const post = (body: unknown) => fetch(`${proc.url}/api/v1/alerts/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    proc = await startInProcess({ strategyEngine: { enabled: false } });
    viewer = await issueKey(proc.config, 'viewer');
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200, 20_000);
  });
  after(() => proc.stop());

  it('stores every notification as alert events (a redelivery once), firing then resolved', async () => {
    assert.equal((await post(notification('firing'))).status, 200);
    assert.equal((await post(notification('firing'))).status, 200, 'Alertmanager may deliver twice');
    assert.equal((await post(notification('resolved'))).status, 200);
    const res = await fetch(`${proc.url}/api/v1/alerts?alertname=ExchangeUnavailable`, { headers: { 'x-api-key': viewer } });
    const { alerts } = await res.json() as { alerts: { status: string; severity: string; service: string; annotations: Record<string, string> }[] };
    assert.deepEqual(alerts.map((a) => a.status).sort(), ['firing', 'resolved']);
    assert.equal(alerts[0]!.service, 'exchange');
    assert.equal(alerts[0]!.annotations.runbook_url, 'docs/runbooks/ExchangeUnavailable.md');
  });

  it('refuses a payload that is not Alertmanager\'s with 400 naming the field; reading needs a key', async () => {
    const bad = await post({ status: 'firing', alerts: [] });
    assert.equal(bad.status, 400);
    assert.match((await bad.json() as { error: { message: string } }).error.message, /receiver/);
    assert.equal((await fetch(`${proc.url}/api/v1/alerts`)).status, 401);
  });
});
