export { createHttpServer, BODY_LIMIT_BYTES } from './server.js';
export { installOpsRoutes, type HealthReport, type OpsSources } from './ops-routes.js';
export { sendError } from './error-handler.js';
export { ID_TEXT, idParam, wholeNumberParam } from './query.js';
