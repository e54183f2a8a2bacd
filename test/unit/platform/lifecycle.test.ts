import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ModuleTable, ServiceManager, ModuleStartFailed, type ModuleDefinition, type Service } from '../../../src/platform/lifecycle/index.js';

type Log = string[];
const mod = (name: string, dependsOn: string[], log: Log, behaviour: Partial<Service> = {}, targetable = true): ModuleDefinition<Log> => ({
  name, description: name, dependsOn, targetable,
  create: () => ({
    start: behaviour.start ?? (async () => { log.push(`start ${name}`); }),
    stop: behaviour.stop ?? (async () => { log.push(`stop ${name}`); }),
  }),
});

describe('module table', () => {
  const log: Log = [];
  const table = new ModuleTable([mod('store', [], log, {}, false), mod('bus', [], log, {}, false), mod('exchange', ['store', 'bus'], log), mod('gateway', ['bus'], log), mod('risk', ['exchange'], log)]);

  it('resolves a target to it and its dependencies, by level', () => {
    assert.deepEqual(table.resolve('exchange').map((l) => l.map((m) => m.name).sort()), [['bus', 'store'], ['exchange']]);
    assert.deepEqual(table.resolve('all').map((l) => l.map((m) => m.name).sort()), [['bus', 'store'], ['exchange', 'gateway'], ['risk']]);
  });

  it('resolves several targets joined by commas to their union, each module once', () => {
    assert.deepEqual(table.resolve('gateway, exchange,gateway').map((l) => l.map((m) => m.name).sort()), [['bus', 'store'], ['exchange', 'gateway']]);
    assert.throws(() => table.resolve('gateway,all'), /"all" already runs every module/);
    assert.throws(() => table.resolve('gateway,store,ghost'), /unknown target "store", "ghost".*or several joined by commas/);
    assert.throws(() => table.resolve('gateway,'), /unknown target ""/);
  });

  it('lists only targetable modules as targets, and rejects others clearly', () => {
    assert.deepEqual(table.targets(), ['all', 'exchange', 'gateway', 'risk']);
    assert.throws(() => table.resolve('store'), /unknown target "store".*all, exchange, gateway, risk/);
  });

  it('starts a module after those it starts after when the target runs them too, without pulling them in', () => {
    const later = new ModuleTable([mod('bus', [], log, {}, false), mod('exchange', ['bus'], log), { ...mod('strategies', ['bus'], log), startsAfter: ['exchange'] }]);
    assert.deepEqual(later.resolve('all').map((l) => l.map((m) => m.name)), [['bus'], ['exchange'], ['strategies']]);
    assert.deepEqual(later.resolve('strategies').map((l) => l.map((m) => m.name)), [['bus'], ['strategies']]);
    assert.equal(later.level('strategies'), 2);
    assert.throws(() => new ModuleTable([{ ...mod('a', [], log), startsAfter: ['ghost'] }]), /starts after unknown module "ghost"/);
    assert.throws(() => new ModuleTable([{ ...mod('a', [], log), startsAfter: ['b'] }, { ...mod('b', [], log), startsAfter: ['a'] }]), /dependency cycle: a -> b -> a/);
  });

  it('rejects cycles and unknown dependencies when the table is built', () => {
    assert.throws(() => new ModuleTable([mod('a', ['b'], log), mod('b', ['a'], log)]), /dependency cycle: a -> b -> a/);
    assert.throws(() => new ModuleTable([mod('a', ['ghost'], log)]), /unknown module "ghost"/);
  });
});

describe('service manager', () => {
  it('starts by level and stops in reverse, tracking states', async () => {
    const log: Log = [];
    const table = new ModuleTable([mod('store', [], log), mod('exchange', ['store'], log), mod('risk', ['exchange'], log)]);
    const states: string[] = [];
    const m = new ServiceManager(table.resolve('all') as ModuleDefinition<unknown>[][], (d) => d.create(log), { onStateChange: (n, s) => states.push(`${n}:${s}`) });
    assert.ok(m.status().every((s) => s.state === 'new'));
    await m.startAll();
    assert.ok(m.allRunning());
    await m.stopAll();
    assert.deepEqual(log, ['start store', 'start exchange', 'start risk', 'stop risk', 'stop exchange', 'stop store']);
    assert.deepEqual(states.filter((s) => s.startsWith('risk')), ['risk:starting', 'risk:running', 'risk:stopping', 'risk:terminated']);
  });

  it('a module that fails to start stops what runs and names itself and the cause', async () => {
    const log: Log = [];
    const table = new ModuleTable([mod('store', [], log), mod('exchange', ['store'], log, { start: async () => { throw new Error('disk full'); } }), mod('risk', ['exchange'], log)]);
    const m = new ServiceManager(table.resolve('all') as ModuleDefinition<unknown>[][], (d) => d.create(log));
    await assert.rejects(m.startAll(), (err: unknown) => {
      assert.ok(err instanceof ModuleStartFailed);
      assert.equal(err.module, 'exchange');
      assert.match(err.message, /module "exchange" failed to start: disk full/);
      return true;
    });
    assert.deepEqual(log, ['start store', 'stop store'], 'risk never started; store was stopped');
    assert.equal(m.status().find((s) => s.name === 'exchange')!.state, 'failed');
  });

  it('a module that hangs on stop does not hold the others hostage', async () => {
    const log: Log = [];
    const table = new ModuleTable([mod('store', [], log), mod('stuck', ['store'], log, { stop: () => new Promise(() => undefined) })]);
    const m = new ServiceManager(table.resolve('all') as ModuleDefinition<unknown>[][], (d) => d.create(log));
    await m.startAll();
    await m.stopAll(50);
    assert.equal(m.status().find((s) => s.name === 'stuck')!.state, 'failed');
    assert.equal(m.status().find((s) => s.name === 'store')!.state, 'terminated');
  });
});
