import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { alertmanagerConfig } from '../../src/services/observability/alertmanager-config.js';
import { needBinary } from '../support/binaries.js';
import { tempDir } from '../support/cli-process.js';

const COMMITTED = 'deploy/alertmanager/alertmanager.yml';
const ALL_CHANNELS = {
  TRADEWATCH_SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T000/B000/XXXX', TRADEWATCH_PAGERDUTY_ROUTING_KEY: 'R0UT1NGKEY',
  TRADEWATCH_EMAIL_TO: 'oncall@example.com', TRADEWATCH_SMTP_SMARTHOST: 'smtp.example.com:25',
};

function written(env = {}): string {
  const file = join(tempDir('tw-am-'), 'alertmanager.yml');
  writeFileSync(file, alertmanagerConfig('http://127.0.0.1:8080/api/v1/alerts/webhook', env));
  return file;
}

const amtool = (...args: string[]) => spawnSync('amtool', args, { encoding: 'utf8' });

describe('Alertmanager configuration', () => {
  it('the committed file is the generator\'s output (npm run alertmanager-config rewrites it)', () => {
    assert.equal(readFileSync(COMMITTED, 'utf8'), alertmanagerConfig('http://tradewatch:8080/api/v1/alerts/webhook'));
  });

  it('routes by severity with the agreed timings and silences a down service\'s other alerts', () => {
    const config = parse(alertmanagerConfig('http://x/api/v1/alerts/webhook')) as {
      route: { routes: { matchers: string[]; receiver: string; group_wait: string; repeat_interval: string; group_interval: string }[] };
      inhibit_rules: { source_matchers: string[]; equal: string[] }[];
    };
    const bySeverity = Object.fromEntries(config.route.routes.map((r) => [r.receiver, r]));
    assert.deepEqual([bySeverity.critical!.group_wait, bySeverity.critical!.repeat_interval], ['0s', '5m']);
    assert.deepEqual([bySeverity.warning!.group_wait, bySeverity.warning!.repeat_interval], ['30s', '30m']);
    assert.deepEqual([bySeverity.info!.group_interval, bySeverity.info!.repeat_interval], ['24h', '24h']);
    assert.deepEqual(config.inhibit_rules[0]!.source_matchers, ['alertname="ServiceDown"']);
    assert.deepEqual(config.inhibit_rules[0]!.equal, ['service']);
  });

  it('amtool check-config accepts it with no channel and with Slack, PagerDuty and email switched on', (t) => {
    if (!needBinary(t, 'amtool', 'apt-get install prometheus-alertmanager')) return;
    for (const env of [{}, ALL_CHANNELS]) {
      const r = amtool('check-config', written(env));
      assert.equal(r.status, 0, r.stdout + r.stderr);
    }
    const full = readFileSync(written(ALL_CHANNELS), 'utf8');
    for (const key of ['slack_configs', 'pagerduty_configs', 'email_configs']) assert.ok(full.includes(key), key);
  });

  it('amtool config routes test: each severity reaches its receiver', (t) => {
    if (!needBinary(t, 'amtool', 'apt-get install prometheus-alertmanager')) return;
    const file = written(ALL_CHANNELS);
    for (const [labels, receiver] of [[['severity=critical', 'service=exchange'], 'critical'], [['severity=warning'], 'warning'], [['severity=info'], 'info'], [['alertname=Unlabelled'], 'warning']] as const) {
      const r = amtool('config', 'routes', 'test', `--config.file=${file}`, `--verify.receivers=${receiver}`, ...labels);
      assert.equal(r.status, 0, `${labels.join(' ')} -> ${r.stdout.trim()} (expected ${receiver}) ${r.stderr}`);
    }
  });
});
