export * from './module.js';
export { ModuleTable, ALL_TARGET, targetNames } from './module-table.js';
export { ServiceManager, type ModuleStatus } from './service-manager.js';
export { ChildSupervisor, type ChildSpec, type ChildStatus } from './child-supervisor.js';
export { startWorker } from './worker-boot.js';
