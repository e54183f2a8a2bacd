export * from './module.js';
export { ModuleTable, ALL_TARGET } from './module-table.js';
export { ServiceManager, type ModuleStatus } from './service-manager.js';
