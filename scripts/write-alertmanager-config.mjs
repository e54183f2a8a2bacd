#!/usr/bin/env node
// Writes deploy/alertmanager/alertmanager.yml: the generated configuration with no notification
// channel switched on, for deployments that run Alertmanager themselves (compose, k8s).
import { writeFileSync } from 'node:fs';
import { alertmanagerConfig } from '../dist/services/observability/alertmanager-config.js';

writeFileSync(new URL('../deploy/alertmanager/alertmanager.yml', import.meta.url), alertmanagerConfig('http://tradewatch:8080/api/v1/alerts/webhook'));
