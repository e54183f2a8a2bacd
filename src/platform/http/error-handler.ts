import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody } from '../../contracts/error-codes.js';
import { TradewatchError } from '../errors/index.js';
import type { Logger } from '../telemetry/index.js';

/** Fastify's own parse/limit errors, mapped to the catalogue. */
const FASTIFY_CODES: Record<string, { code: string; message?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: 'body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: 'body is empty; send a JSON object' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send the body as application/json' },
};

export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  const body: ApiErrorBody = { error: { code, message, request_id: reply.request.ctx?.requestId ?? String(reply.request.id) } };
  return reply.code(status).type('application/json').send(body);
}

/** Every error leaves as {"error":{"code","message","request_id"}}; 5xx are logged, 4xx are not noise. */
export function installErrorHandling(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof TradewatchError) {
      if (err.status >= 500) logger.error({ err, code: err.code }, err.message);
      return sendError(reply, err.status, err.code, err.message);
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return sendError(reply, err.statusCode ?? 400, known.code, known.message ?? err.message);
    if (err.validation) return sendError(reply, 400, 'INVALID_REQUEST', err.message);
    if (err.statusCode && err.statusCode < 500) return sendError(reply, err.statusCode, 'INVALID_REQUEST', err.message);
    logger.error({ err, url: req.url }, 'unhandled error in request');
    return sendError(reply, 500, 'INTERNAL', `internal error; quote request id ${req.ctx?.requestId} when reporting it`);
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, 404, 'NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`));
}
