/**
 * Typed infrastructure errors. Business outcomes are values (Result), never these.
 * Each carries a stable code from the catalogue in src/contracts/error-codes.ts and an HTTP status.
 */
export class TradewatchError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class StoreUnavailable extends TradewatchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', message, 503, options);
  }
}

export class BusUnavailable extends TradewatchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BUS_UNAVAILABLE', message, 503, options);
  }
}

export class BusTimeout extends TradewatchError {
  constructor(subject: string, timeoutMs: number) {
    super('BUS_TIMEOUT', `no reply on "${subject}" within ${timeoutMs} ms`, 503);
  }
}

/** The responder on the other side of a request threw; its code and message travel back. */
export class BusRemoteError extends TradewatchError {
  constructor(code: string, message: string, status = 502) {
    super(code, message, status);
  }
}

export class ConfigInvalid extends TradewatchError {
  constructor(readonly issues: { path: string; message: string }[]) {
    super('CONFIG_INVALID', `configuration is invalid:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`, 500);
  }
}

export class NotFound extends TradewatchError {
  constructor(message: string) {
    super('NOT_FOUND', message, 404);
  }
}

export class BadRequest extends TradewatchError {
  constructor(message: string, readonly field?: string, code = 'INVALID_REQUEST') {
    super(code, message, 400);
  }
}
