import type { Command } from 'commander';
import { GATEWAY_PORT } from '../app/ports.js';
import { EXIT } from './exit-codes.js';

/** The gateway this command talks to, and the key it shows. */
export interface ApiTarget {
  url: string;
  apiKey?: string;
}

/** A failed API call, with the message to print and the exit code to leave with. */
export class ApiError extends Error {
  constructor(
    message: string, readonly status: number | null, readonly code: string | null, readonly exitCode: number = EXIT.FAILURE,
    /** The parsed answer of a call that failed with a status (a 503 /health still carries its report). */
    readonly body: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** --url, --api-key (or TRADEWATCH_URL, TRADEWATCH_API_KEY) and --json, on a command that calls the gateway. */
export function addApiOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', `the gateway (default: TRADEWATCH_URL or http://127.0.0.1:${GATEWAY_PORT})`)
    .option('--api-key <key>', 'API key (default: TRADEWATCH_API_KEY); create one with "tradewatch keys create"')
    .option('--json', 'print JSON');
}

export function apiTarget(opts: Record<string, unknown>): ApiTarget {
  const url = String(opts.url ?? process.env.TRADEWATCH_URL ?? `http://127.0.0.1:${GATEWAY_PORT}`).replace(/\/$/, '');
  if (!/^https?:\/\/[^/\s]+/.test(url)) throw new ApiError(`--url must look like http://host:port, got "${url}"`, null, null, EXIT.USAGE);
  const apiKey = (opts.apiKey as string | undefined) ?? process.env.TRADEWATCH_API_KEY;
  return { url, apiKey: apiKey || undefined };
}

interface ErrorBody { error?: { code?: string; message?: string } }

/** One call to the gateway: the parsed JSON answer, or an ApiError that says what to do. */
export async function callApi<T>(target: ApiTarget, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${target.url}${path}`, {
      method,
      headers: { ...(target.apiKey ? { 'x-api-key': target.apiKey } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    const { cause } = err as { cause?: { code?: string; message?: string } };
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new ApiError(`cannot reach the gateway at ${target.url} (${why}): is tradewatch running? Start it with "tradewatch start" (or "npm start"), or point --url / TRADEWATCH_URL at it`, null, null);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError(`${target.url}${path} answered ${res.status} with something that is not JSON: is --url pointing at the tradewatch gateway?`, res.status, null);
  }
  if (res.ok) return parsed as T;
  const { code = null, message = text } = (parsed as ErrorBody).error ?? {};
  throw new ApiError(explain(res.status, message, target), res.status, code, EXIT.FAILURE, parsed);
}

function explain(status: number, message: string, target: ApiTarget): string {
  if (status === 401) {
    return target.apiKey
      ? `the gateway refused the API key (${message}): check it, or create a new one with "tradewatch keys create --role viewer" (use the same --data-dir as the system)`
      : `this needs an API key: create one with "tradewatch keys create --role viewer" (trader to place orders, operator for changes) and pass it with --api-key or TRADEWATCH_API_KEY`;
  }
  if (status === 403) return `${message}: create a key with that role with "tradewatch keys create --role <role>"`;
  if (status === 503) return `${message} (the service behind the gateway is unavailable; "tradewatch health" shows which)`;
  return message;
}
