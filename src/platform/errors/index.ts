export * from './errors.js';
export { MISSING_IS_REQUIRED, validate } from './validate.js';
