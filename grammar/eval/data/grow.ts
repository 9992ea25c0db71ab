/**
 * Growing the loader's typed-array buffers (dictionary arenas, per-value
 * tables): a new array at least twice the size, the old contents copied.
 */

type Growable = Uint8Array | Int32Array;

/** `array` grown by doubling to hold at least `needed` items (64 at least), contents kept. */
export function grownTo<T extends Growable>(array: T, needed: number): T {
  let length = Math.max(array.length * 2, 64);
  while (length < needed) length *= 2;
  const grown = (array instanceof Uint8Array ? new Uint8Array(length) : new Int32Array(length)) as T;
  grown.set(array);
  return grown;
}
