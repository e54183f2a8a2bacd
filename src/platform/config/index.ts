export { loadConfig, type ConfigSources } from './load.js';
export { redactConfig } from './redact.js';
export { baseConfigSchema } from './schema.js';
export { setPath, type ConfigTree } from './sources.js';
