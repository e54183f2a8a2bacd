/** The typed arrays the core keeps columns of numbers in (off the garbage-collected heap's object graph). */
export type Column = Float64Array | Int32Array | Uint8Array | Uint16Array;

/** A copy of `from` in a new array of the same type and `length` elements. */
export function grown<T extends Column>(from: T, length: number): T {
  const to = new (from.constructor as new (length: number) => T)(length);
  to.set(from);
  return to;
}
