import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

// Offline checks of the deployment files (no container engine, no cluster): the Docker Compose
// stack in deploy/compose, the Kubernetes manifests in deploy/k8s (kube-prometheus-stack) and the
// image in deploy/docker/Dockerfile.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COMPOSE_DIR = join(ROOT, 'deploy/compose');
const K8S_DIR = join(ROOT, 'deploy/k8s');
const RULES_DIR = join(ROOT, 'deploy/prometheus/rules');
const DOCKERFILE = join(ROOT, 'deploy/docker/Dockerfile');

/** The distributed targets and their ports (src/app/ports.ts). */
const TARGET_PORTS: Record<string, number> = {
  'market-data': 9401,
  exchange: 9402,
  'strategy-engine': 9403,
  'risk-monitor': 9404,
  custodian: 9405,
  chaos: 9406,
  gateway: 8080,
};
const TARGETS = Object.keys(TARGET_PORTS);
const PROFILES = new Set(['core', 'logging', 'tracing', 'full']);
const REQUIRED_SERVICES = [
  ...TARGETS, 'prometheus', 'alertmanager', 'grafana', 'loki', 'alloy', 'jaeger', 'otel-collector', 'node-exporter',
  'postgres', 'nats', 'redis',
];
const INFRA_PORTS = new Set([5432, 6379, 4222]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
}

/** Every document of a YAML file; fails on any parse error. */
function parseDocs(file: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    assert.deepEqual(doc.errors.map((e) => e.message), [], `${relative(ROOT, file)}: YAML errors`);
  }
  return list.map((d) => d.toJS() as unknown).filter((d) => d !== null && d !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Compose

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  profiles?: string[];
  command?: string[] | string;
  environment?: Record<string, string> | string[];
  ports?: (string | number | Obj)[];
  volumes?: (string | Obj)[];
  depends_on?: string[] | Record<string, unknown>;
}

function loadCompose(): { services: Record<string, ComposeService>; volumes: Obj } {
  const docs = parseDocs(join(COMPOSE_DIR, 'docker-compose.yml'));
  assert.equal(docs.length, 1);
  const doc = docs[0];
  assert.ok(isObj(doc) && isObj(doc.services), 'docker-compose.yml has services');
  return { services: doc.services as Record<string, ComposeService>, volumes: isObj(doc.volumes) ? doc.volumes : {} };
}

function envOf(svc: ComposeService): Record<string, string> {
  if (Array.isArray(svc.environment)) {
    return Object.fromEntries(svc.environment.map((e) => {
      const i = e.indexOf('=');
      return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
    }));
  }
  return Object.fromEntries(Object.entries(svc.environment ?? {}).map(([k, v]) => [k, String(v)]));
}

/** Host ports a service publishes ("8080:8080", "127.0.0.1:80:8080/tcp", long syntax). */
function publishedPorts(svc: ComposeService): number[] {
  return (svc.ports ?? []).flatMap((p) => {
    if (isObj(p)) return p.published === undefined ? [] : [Number(String(p.published).split('-')[0])];
    const parts = String(p).replace(/\/(tcp|udp)$/, '').split(':');
    // A bare "8080" publishes the container port on a random host port.
    return parts.length < 2 ? [] : [Number(parts[parts.length - 2]!.split('-')[0])];
  });
}

/** Source of each volume entry that is a host path (bind mount). */
function bindSources(svc: ComposeService): string[] {
  return (svc.volumes ?? []).flatMap((v) => {
    const source = isObj(v) ? (v.type === 'bind' ? String(v.source) : '') : String(v).split(':')[0]!;
    return source.startsWith('./') || source.startsWith('../') || source.startsWith('/') || source === '.' ? [source] : [];
  });
}

function namedVolumes(svc: ComposeService): string[] {
  return (svc.volumes ?? []).flatMap((v) => {
    if (isObj(v)) return v.type === 'volume' && typeof v.source === 'string' ? [v.source] : [];
    const parts = String(v).split(':');
    const source = parts[0]!;
    return parts.length > 1 && /^[A-Za-z0-9][\w.-]*$/.test(source) ? [source] : [];
  });
}

function dependencies(svc: ComposeService): string[] {
  if (!svc.depends_on) return [];
  return Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on);
}

describe('deploy/compose', () => {
  it('every YAML file parses', () => {
    const files = yamlFiles(COMPOSE_DIR);
    assert.ok(files.some((f) => f.endsWith('docker-compose.yml')));
    for (const file of files) parseDocs(file);
  });

  const { services, volumes } = loadCompose();

  it('has every required service, each with an image or a build', () => {
    for (const name of REQUIRED_SERVICES) assert.ok(services[name], `service ${name} missing`);
    for (const [name, svc] of Object.entries(services)) {
      assert.ok(svc.image || svc.build, `${name}: no image and no build`);
    }
  });

  it('gives every service known profiles, core ones also in full', () => {
    const expected: Record<string, string[]> = {
      ...Object.fromEntries([...TARGETS, 'postgres', 'nats', 'redis', 'prometheus', 'alertmanager', 'grafana', 'node-exporter']
        .map((s) => [s, ['core', 'full']])),
      loki: ['logging', 'full'], alloy: ['logging', 'full'],
      jaeger: ['tracing', 'full'], 'otel-collector': ['tracing', 'full'],
    };
    for (const [name, svc] of Object.entries(services)) {
      assert.ok(Array.isArray(svc.profiles) && svc.profiles.length > 0, `${name}: no profiles`);
      for (const p of svc.profiles) assert.ok(PROFILES.has(p), `${name}: unknown profile ${p}`);
      assert.ok(svc.profiles.includes('full'), `${name}: not in profile full`);
    }
    for (const [name, profiles] of Object.entries(expected)) {
      assert.deepEqual([...services[name]!.profiles!].sort(), [...profiles].sort(), `${name}: profiles`);
    }
  });

  it('runs each tradewatch target on its port with PostgreSQL, NATS and no embedded Prometheus/Alertmanager', () => {
    for (const [target, port] of Object.entries(TARGET_PORTS)) {
      const svc = services[target]!;
      const command = Array.isArray(svc.command) ? svc.command.join(' ') : String(svc.command);
      assert.match(command, new RegExp(`\\bstart --target ${target} --host 0\\.0\\.0\\.0\\b`), `${target}: command`);
      const env = envOf(svc);
      assert.match(env.TRADEWATCH_DATABASE_URL ?? '', /^postgres:\/\/.*@postgres:5432\//, `${target}: database url`);
      assert.equal(env.TRADEWATCH_BUS_URL, 'nats://nats:4222', `${target}: bus url`);
      assert.equal(env.TRADEWATCH_OBSERVABILITY__PROMETHEUS__ENABLED, 'false', `${target}: prometheus`);
      assert.equal(env.TRADEWATCH_OBSERVABILITY__ALERTMANAGER__ENABLED, 'false', `${target}: alertmanager`);
      assert.equal(env.OTEL_EXPORTER_OTLP_ENDPOINT, 'http://otel-collector:4318', `${target}: otlp endpoint`);
      assert.match(env.TRADEWATCH_DATA_DIR ?? '', /^\/var\/lib\/tradewatch\//, `${target}: data dir`);
      assert.ok(namedVolumes(svc).includes('tradewatch-data'), `${target}: shares the tradewatch-data volume`);
      if (env.TRADEWATCH_PORT !== undefined) assert.equal(Number(env.TRADEWATCH_PORT), port, `${target}: TRADEWATCH_PORT`);
      assert.deepEqual(publishedPorts(svc), [port], `${target}: published ports`);
      for (const p of publishedPorts(svc)) assert.ok(!INFRA_PORTS.has(p), `${target} publishes ${p}`);
    }
  });

  it('bind-mounts only paths that exist in the repository', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const source of bindSources(svc)) {
        if (isAbsolute(source)) continue; // host paths such as node-exporter's "/"
        assert.ok(existsSync(resolve(COMPOSE_DIR, source)), `${name}: bind mount ${source} does not exist`);
      }
      if (svc.build) {
        const build = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
        const context = resolve(COMPOSE_DIR, build.context ?? '.');
        assert.ok(existsSync(context), `${name}: build context ${build.context}`);
        assert.ok(existsSync(resolve(context, build.dockerfile ?? 'Dockerfile')), `${name}: dockerfile ${build.dockerfile}`);
      }
    }
  });

  it('mounts the repository config where each tool reads it', () => {
    const mounts = (name: string) => (services[name]!.volumes ?? []).map(String);
    assert.ok(mounts('prometheus').some((m) => m.startsWith('../prometheus/rules:')));
    assert.ok(mounts('prometheus').some((m) => m.startsWith('./prometheus.yml:/etc/prometheus/prometheus.yml')));
    assert.ok(mounts('alertmanager').some((m) => m.startsWith('../alertmanager/alertmanager.yml:')));
    assert.ok(mounts('grafana').some((m) => m.startsWith('../grafana/provisioning:/etc/grafana/provisioning')));
    assert.ok(mounts('grafana').some((m) => m.startsWith('../grafana/dashboards:/var/lib/grafana/dashboards/tradewatch')));
    assert.ok(mounts('alloy').some((m) => m.startsWith('../alloy/config.alloy:')));
    assert.ok(mounts('otel-collector').some((m) => m.startsWith('../otel/collector.yaml:')));
    assert.ok(String(services.nats!.command).split(',').join(' ').includes('-js'), 'nats runs JetStream');
    assert.match(String(services.postgres!.image), /^postgres:16/);
  });

  it('lets alloy read the log files the tradewatch services write', () => {
    const alloy = services.alloy!;
    assert.ok(namedVolumes(alloy).includes('tradewatch-data'));
    const logDir = envOf(alloy).TRADEWATCH_LOG_DIR ?? '';
    const pattern = new RegExp(`^${logDir.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+')}$`);
    for (const target of TARGETS) {
      const dataDir = envOf(services[target]!).TRADEWATCH_DATA_DIR!;
      assert.match(`${dataDir}/logs`, pattern, `${target}: logs under ${dataDir} not matched by TRADEWATCH_LOG_DIR ${logDir}`);
    }
  });

  it('has consistent depends_on and named volumes', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const dep of dependencies(svc)) {
        const target = services[dep];
        assert.ok(target, `${name} depends on unknown service ${dep}`);
        for (const p of svc.profiles ?? []) {
          assert.ok((target.profiles ?? []).includes(p), `${name} (profile ${p}) depends on ${dep}, which is not in ${p}`);
        }
      }
      for (const v of namedVolumes(svc)) assert.ok(v in volumes, `${name}: volume ${v} not declared`);
    }
  });

  it('scrapes every tradewatch target from the compose Prometheus', () => {
    const [config] = parseDocs(join(COMPOSE_DIR, 'prometheus.yml')) as [{
      rule_files: string[];
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
      alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
    }];
    const job = config.scrape_configs.find((s) => s.job_name === 'tradewatch');
    assert.ok(job, 'job tradewatch (the rules select job=~"tradewatch.*")');
    const scraped = new Set(job.static_configs.flatMap((s) => s.targets));
    for (const [target, port] of Object.entries(TARGET_PORTS)) assert.ok(scraped.has(`${target}:${port}`), `scrapes ${target}:${port}`);
    assert.ok(config.rule_files.some((f) => f.startsWith('/etc/prometheus/rules/')));
    assert.ok(config.alerting.alertmanagers.some((a) => a.static_configs.some((s) => s.targets.includes('alertmanager:9093'))));
  });
});

// ---------------------------------------------------------------------------------------------
// Kubernetes

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Obj;
}

function loadK8s(): K8sObject[] {
  return yamlFiles(K8S_DIR).flatMap((file) => parseDocs(file).map((doc) => {
    assert.ok(isObj(doc), `${relative(ROOT, file)}: a document is not a mapping`);
    const o = doc as Partial<K8sObject>;
    assert.ok(typeof o.apiVersion === 'string' && o.apiVersion, `${relative(ROOT, file)}: apiVersion`);
    assert.ok(typeof o.kind === 'string' && o.kind, `${relative(ROOT, file)}: kind`);
    assert.ok(isObj(o.metadata) && typeof o.metadata.name === 'string' && o.metadata.name, `${relative(ROOT, file)}: metadata.name of ${o.kind}`);
    return o as K8sObject;
  }));
}

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** All alert names in the rule groups given. */
function alertNames(groups: { rules: { alert?: string }[] }[]): Set<string> {
  return new Set(groups.flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : []))));
}

describe('deploy/k8s', () => {
  const objects = loadK8s();
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);

  it('every object has apiVersion, kind and metadata.name, unique per kind', () => {
    assert.ok(objects.length > 0);
    const keys = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    assert.equal(new Set(keys).size, keys.length, `duplicates in ${keys.join(', ')}`);
  });

  it('has a Deployment and a Service with port "http" per target, selecting each other', () => {
    const deployments = ofKind('Deployment');
    const servicesK8s = ofKind('Service');
    assert.deepEqual(deployments.map((d) => d.metadata.labels?.['app.kubernetes.io/component']).sort(), [...TARGETS].sort());
    for (const d of deployments) {
      const spec = d.spec as {
        selector: { matchLabels: Record<string, string> };
        template: { metadata: { labels: Record<string, string> }; spec: { containers: { args?: string[]; command?: string[]; ports: { name: string; containerPort: number }[] }[] } };
      };
      const component = d.metadata.labels!['app.kubernetes.io/component']!;
      const labels = spec.template.metadata.labels;
      assert.ok(matches(spec.selector.matchLabels, labels), `${d.metadata.name}: selector does not match template labels`);
      assert.equal(labels['app.kubernetes.io/name'], 'tradewatch', `${d.metadata.name}: name label`);
      assert.equal(labels['app.kubernetes.io/component'], component, `${d.metadata.name}: component label`);
      const container = spec.template.spec.containers[0]!;
      assert.ok([...(container.command ?? []), ...(container.args ?? [])].join(' ').includes(`start --target ${component} --host 0.0.0.0`));
      assert.deepEqual(container.ports.map((p) => [p.name, p.containerPort]), [['http', TARGET_PORTS[component]]]);

      const svc = servicesK8s.find((s) => s.metadata.labels?.['app.kubernetes.io/component'] === component);
      assert.ok(svc, `no Service for ${component}`);
      const svcSpec = svc.spec as { selector: Record<string, string>; ports: { name: string; targetPort: string | number }[] };
      assert.ok(matches(svcSpec.selector, labels), `${svc.metadata.name}: selector does not match the pods of ${d.metadata.name}`);
      assert.ok(svcSpec.ports.some((p) => p.name === 'http' && (p.targetPort === 'http' || p.targetPort === TARGET_PORTS[component])));
      // The job label is the Service name; the rules select job=~"tradewatch.*".
      assert.match(svc.metadata.name, /^tradewatch/);
    }
  });

  it('every Deployment reads the ConfigMap that turns off the embedded Prometheus and Alertmanager', () => {
    const names = new Set(ofKind('ConfigMap').map((c) => c.metadata.name));
    for (const d of ofKind('Deployment')) {
      const c = (d.spec as { template: { spec: { containers: { envFrom?: { configMapRef?: { name: string } }[] }[] } } }).template.spec.containers[0]!;
      const refs = (c.envFrom ?? []).flatMap((e) => (e.configMapRef ? [e.configMapRef.name] : []));
      assert.ok(refs.length > 0 && refs.every((r) => names.has(r)), `${d.metadata.name}: envFrom ConfigMap`);
    }
    for (const cm of ofKind('ConfigMap')) {
      const data = (cm as unknown as { data: Record<string, string> }).data;
      assert.equal(data.TRADEWATCH_OBSERVABILITY__PROMETHEUS__ENABLED, 'false');
      assert.equal(data.TRADEWATCH_OBSERVABILITY__ALERTMANAGER__ENABLED, 'false');
    }
  });

  it('has a ServiceMonitor selecting every tradewatch Service on port http', () => {
    const monitors = ofKind('ServiceMonitor');
    assert.equal(monitors.length, 1);
    const monitor = monitors[0]!;
    assert.equal(monitor.apiVersion, 'monitoring.coreos.com/v1');
    const spec = monitor.spec as {
      selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
      endpoints: { port: string }[];
    };
    const selects = (labels: Record<string, string> | undefined) =>
      matches(spec.selector.matchLabels ?? {}, labels) && (spec.selector.matchExpressions ?? []).every((e) => {
        assert.ok(e.operator === 'In' || e.operator === 'Exists', `unsupported operator ${e.operator}`);
        return e.operator === 'Exists' ? labels?.[e.key] !== undefined : (e.values ?? []).includes(labels?.[e.key] ?? '');
      });
    for (const svc of ofKind('Service')) assert.ok(selects(svc.metadata.labels), `ServiceMonitor does not select ${svc.metadata.name}`);
    for (const target of TARGETS) {
      assert.ok(selects({ 'app.kubernetes.io/name': 'tradewatch', 'app.kubernetes.io/component': target }), `does not select ${target}`);
    }
    assert.ok(spec.endpoints.some((e) => e.port === 'http'));
  });

  it('prometheus-rule.yaml is what scripts/generate-k8s.mjs writes now', async () => {
    const generator = (await import(pathToFileURL(join(ROOT, 'scripts/generate-k8s.mjs')).href)) as {
      renderPrometheusRule: (root?: string) => string;
    };
    const committed = readFileSync(join(K8S_DIR, 'prometheus-rule.yaml'), 'utf8');
    assert.equal(committed, generator.renderPrometheusRule(ROOT), 'run `npm run k8s` and commit deploy/k8s/prometheus-rule.yaml');
  });

  it('the PrometheusRule holds exactly the groups and alerts of deploy/prometheus/rules', () => {
    const rules = ofKind('PrometheusRule');
    assert.equal(rules.length, 1);
    const rule = rules[0]!;
    assert.equal(rule.apiVersion, 'monitoring.coreos.com/v1');
    const groups = (rule.spec as { groups: { name: string; rules: { alert?: string }[] }[] }).groups;
    const sourceGroups = yamlFiles(RULES_DIR).flatMap((f) => (parse(readFileSync(f, 'utf8')) as { groups: { name: string; rules: { alert?: string }[] }[] }).groups);
    assert.deepEqual(groups, sourceGroups);
    assert.equal(new Set(groups.map((g) => g.name)).size, groups.length, 'group names are unique');
    const expected = alertNames(sourceGroups);
    assert.ok(expected.size > 0);
    assert.deepEqual([...alertNames(groups)].sort(), [...expected].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// Dockerfile

describe('deploy/docker/Dockerfile', () => {
  const text = readFileSync(DOCKERFILE, 'utf8');
  // Instructions, with line continuations joined and comments dropped.
  const instructions = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const named = (name: string) => instructions.filter((l) => l.toUpperCase().startsWith(`${name} `));

  it('builds on node:20-bookworm-slim with the native toolchain', () => {
    const froms = named('FROM');
    assert.ok(froms.length >= 2, 'a build and a runtime stage');
    for (const f of froms) assert.match(f, /node:20-bookworm-slim/);
    assert.ok(named('RUN').some((r) => /python3/.test(r) && /make/.test(r) && /g\+\+/.test(r)), 'installs python3 make g++');
    assert.ok(named('RUN').some((r) => /npm ci/.test(r)) && named('RUN').some((r) => /npm run build/.test(r)));
  });

  it('runs as a non-root user in the final stage', () => {
    let lastFrom = -1;
    instructions.forEach((l, i) => { if (l.toUpperCase().startsWith('FROM ')) lastFrom = i; });
    const users = instructions.slice(lastFrom).filter((l) => l.toUpperCase().startsWith('USER '));
    assert.ok(users.length > 0, 'USER in the runtime stage');
    const user = users[users.length - 1]!.slice(5).trim().split(':')[0]!;
    assert.ok(user !== 'root' && user !== '0', `USER ${user} is root`);
  });

  it('exposes 8080, checks /health/live without curl and starts dist/cli/main.js', () => {
    assert.ok(named('EXPOSE').some((e) => /\b8080\b/.test(e)));
    const healthcheck = named('HEALTHCHECK').join(' ');
    assert.match(healthcheck, /\/health\/live/);
    assert.match(healthcheck, /fetch\(/);
    assert.doesNotMatch(healthcheck, /curl/);
    const run = [...named('ENTRYPOINT'), ...named('CMD')].join(' ');
    assert.match(run, /dist\/cli\/main\.js/);
    assert.match(run, /\bstart\b/);
    assert.match(run, /0\.0\.0\.0/);
  });
});

// ---------------------------------------------------------------------------------------------
// How the venue's Node.js is started

describe('the young-generation size the venue runs with', () => {
  const semiSpace = (where: string, text: string): string => {
    const found = /--max-semi-space-size=(\d+)/.exec(text);
    assert.ok(found, `${where} gives no --max-semi-space-size`);
    return found[1]!;
  };

  it('is the same from the tradewatch binary, npm start, the image and bench:orders', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const sizes = {
      'src/cli/main.ts shebang': semiSpace('the shebang', readFileSync(join(ROOT, 'src/cli/main.ts'), 'utf8').split('\n')[0]!),
      'npm start': semiSpace('npm start', scripts.start!),
      'Dockerfile NODE_OPTIONS': semiSpace('the Dockerfile', /NODE_OPTIONS=\S+/.exec(readFileSync(DOCKERFILE, 'utf8'))?.[0] ?? ''),
      'bench:orders launcher': semiSpace('bench/orders/system.ts', readFileSync(join(ROOT, 'bench/orders/system.ts'), 'utf8')),
    };
    assert.equal(new Set(Object.values(sizes)).size, 1, JSON.stringify(sizes));
  });
});
