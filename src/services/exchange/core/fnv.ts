/** FNV-1a 32-bit over little-endian int32 words (and doubles as two words). */
export const FNV_OFFSET = 0x811c9dc5;

/** One FNV-1a step: mixes one byte into the hash. */
const fnvByte = (h: number, byte: number): number => Math.imul(h ^ byte, 0x01000193);

export function fnvInt32(h: number, v: number): number {
  for (let b = 0; b < 32; b += 8) h = fnvByte(h, (v >>> b) & 0xff);
  return h;
}

const f64 = new Float64Array(1);
const words = new Uint32Array(f64.buffer);

/** Hashes a double's bit pattern, so ids above 2^31, fractions and Infinity hash exactly. */
export function fnvFloat64(h: number, v: number): number {
  f64[0] = v;
  return fnvInt32(fnvInt32(h, words[0]!), words[1]!);
}

export const toHex32 = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');

/** Hashes a string's UTF-16 code units, low byte first. */
export function fnvChars(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = fnvByte(fnvByte(h, c & 0xff), c >>> 8);
  }
  return h;
}
