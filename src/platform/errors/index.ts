export * from './errors.js';
export { validate } from './validate.js';
