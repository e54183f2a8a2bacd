import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import { ERROR_CODES } from '../../contracts/error-codes.js';
import { VERSION } from '../../app/version.js';
import { ROLE_DUTIES, ROLES } from './auth/index.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** One line for the API description; routes without it are not listed there. */
    summary?: string;
    /** The JSON body the route takes (for the API description; routes validate it themselves). */
    body?: z.ZodType;
    /** The query parameters the route takes. */
    query?: z.ZodType;
  }
}

interface Operation {
  method: string;
  path: string;
  config: NonNullable<RouteOptions['config']>;
}

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/**
 * GET /api/docs: an OpenAPI 3.1 description built from the routes themselves (their summary,
 * role, body and query schemas), so it cannot drift from what the gateway serves.
 * Call before any route is registered: it learns them as they are added.
 */
export function installApiDocs(app: FastifyInstance): void {
  const operations: Operation[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.config?.summary) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') operations.push({ method: method.toLowerCase(), path: route.url, config: route.config });
  });
  app.get('/api/docs', async () => describe(operations));
}

function describe(operations: Operation[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, path, config } of operations) {
    const openApiPath = path.replace(/:(\w+)/g, '{$1}');
    const pathParams = [...path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = config.query ? Object.entries((jsonSchema(config.query).properties ?? {}) as Record<string, unknown>)
      .map(([name, schema]) => ({ name, in: 'query', required: false, schema })) : [];
    paths[openApiPath] ??= {};
    paths[openApiPath]![method] = {
      summary: config.summary,
      ...(config.role ? { security: [{ apiKey: [] }], description: `Needs an API key with role ${config.role} or above.` } : { security: [] }),
      parameters: [...pathParams, ...query],
      ...(config.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(config.body) } } } } : {}),
      responses: {
        '2XX': { description: 'Success (JSON).' },
        default: { description: 'An error.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'tradewatch gateway', version: VERSION,
      description: `Roles, each including the ones before it: ${ROLES.map((r) => `${r} (${ROLE_DUTIES[r]})`).join('; ')}. ` +
        'Create keys with "tradewatch keys create --role <role>". WebSockets: /ws/market and /ws/exchange (public), /ws/orders (trader). ' +
        'Every process also serves /health, /health/live, /health/ready, /metrics, /services and /config.',
    },
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
      schemas: {
        Error: {
          type: 'object', required: ['error'],
          properties: { error: { type: 'object', properties: { code: { type: 'string', description: `A stable code, e.g. ${Object.keys(ERROR_CODES).slice(0, 6).join(', ')}` }, message: { type: 'string' }, request_id: { type: 'string' } } } },
        },
      },
    },
    paths,
  };
}
