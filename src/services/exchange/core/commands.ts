import { SIDE, TIF, type Side, type TimeInForce } from './codes.js';
import type { Book } from './book.js';
import type { SideName, TifName } from './events.js';

/** Commands of the convenient API, one object each; `timeMs` is the venue's clock. */
export interface LimitCommand {
  type: 'limit'; timeMs: number; orderId: number; side: SideName; price: number; qty: number;
  /** Default GTC. */
  tif?: TifName;
  /** Rejected instead of trading on arrival. */
  postOnly?: boolean;
  /** 0 (default): no account, never checked for self-trades. */
  account?: number;
}
export interface MarketCommand { type: 'market'; timeMs: number; orderId: number; side: SideName; qty: number; account?: number }
export interface CancelCommand { type: 'cancel'; timeMs: number; orderId: number }
/** New price and new open quantity of a resting order. */
export interface ReplaceCommand { type: 'replace'; timeMs: number; orderId: number; price: number; qty: number }
export interface SetReferencePriceCommand { type: 'set-reference-price'; timeMs: number; price: number }
export interface ResumeCommand { type: 'resume'; timeMs: number }
/** An operator halt: lasts until a resume command (time passing never ends it). */
export interface HaltCommand { type: 'halt'; timeMs: number }
export interface AdvanceTimeCommand { type: 'advance-time'; timeMs: number }

export type BookCommand =
  | LimitCommand | MarketCommand | CancelCommand | ReplaceCommand
  | SetReferencePriceCommand | ResumeCommand | HaltCommand | AdvanceTimeCommand;

/** Codes no valid input maps to, so the book rejects them with SIDE_INVALID / TIF_INVALID. */
const INVALID_SIDE = -1 as Side;
const INVALID_TIF = -1 as TimeInForce;

const sideCode = (side: string): Side => (side === 'buy' ? SIDE.BUY : side === 'sell' ? SIDE.SELL : INVALID_SIDE);

function tifCode(tif: string | undefined): TimeInForce {
  switch (tif ?? 'GTC') {
    case 'GTC': return TIF.GTC;
    case 'IOC': return TIF.IOC;
    case 'FOK': return TIF.FOK;
    default: return INVALID_TIF;
  }
}

/** Translates a command object into the book's numeric fast-path call. */
export function applyCommand(book: Book, cmd: BookCommand): void {
  switch (cmd.type) {
    case 'limit':
      book.limit(cmd.timeMs, cmd.orderId, sideCode(cmd.side), cmd.price, cmd.qty, tifCode(cmd.tif), cmd.postOnly ?? false, cmd.account ?? 0);
      return;
    case 'market':
      book.market(cmd.timeMs, cmd.orderId, sideCode(cmd.side), cmd.qty, cmd.account ?? 0);
      return;
    case 'cancel':
      book.cancel(cmd.timeMs, cmd.orderId);
      return;
    case 'replace':
      book.replace(cmd.timeMs, cmd.orderId, cmd.price, cmd.qty);
      return;
    case 'set-reference-price':
      book.setReferencePrice(cmd.timeMs, cmd.price);
      return;
    case 'resume':
      book.resume(cmd.timeMs);
      return;
    case 'halt':
      book.halt(cmd.timeMs);
      return;
    case 'advance-time':
      book.advanceTime(cmd.timeMs);
      return;
    default:
      throw new TypeError(`unknown book command ${JSON.stringify(cmd satisfies never)}`);
  }
}
