import { fileURLToPath } from 'node:url';

/** The package's deploy/ folder (rules, dashboards, ...): the same path from src/ and from dist/. */
export const DEPLOY_DIR = fileURLToPath(new URL('../../deploy/', import.meta.url));
