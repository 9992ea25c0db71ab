/**
 * Percentiles by linear interpolation between closest ranks (DuckDB
 * `quantile_cont`, numpy's default): for sorted values x[0..n-1] and fraction
 * q, h = (n - 1) q and the result is x[floor h] + (h - floor h) (x[ceil h] -
 * x[floor h]).
 *
 * Only the one or two order statistics each quantile needs are found, by
 * selection in place (Floyd-Rivest), instead of sorting: a million values
 * take a few milliseconds rather than the ~150 ms a Float64Array sort costs
 * in V8, and every segment and period of a breakdown needs its own. A range
 * that resists partitioning for too many rounds is sorted instead, so the
 * worst case stays O(n log n).
 */

/** The quantile `q` (0..1) of values already sorted ascending; NaN when there are none. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  return quantileFromRanks(sorted.length, q, (rank) => sorted[rank]);
}

/** The ranks (0-based, ascending) whose values quantile `q` of `n` values reads: one, or two to interpolate between. */
export function ranksOfQuantile(n: number, q: number): number[] {
  const h = (n - 1) * clampFraction(q);
  const below = Math.floor(h);
  return h === below || below + 1 >= n ? [below] : [below, below + 1];
}

/** The quantile `q` of `n` values (NaN when there are none), given the value of each rank ranksOfQuantile names. */
export function quantileFromRanks(n: number, q: number, valueAt: (rank: number) => number): number {
  if (n === 0) return NaN;
  const h = (n - 1) * clampFraction(q);
  const below = Math.floor(h);
  const lower = valueAt(below);
  if (h === below || below + 1 >= n) return lower;
  return lower + (h - below) * (valueAt(below + 1) - lower);
}

/**
 * The values of `ranks` (0-based within the region, strictly ascending) of
 * `values[start, end)` (no NaN), in order. Reorders that region.
 */
export function valuesAtRanks(values: Float64Array, start: number, end: number, ranks: readonly number[]): number[] {
  const out: number[] = [];
  // After selecting rank k, everything after k is >= values[k]: later ranks
  // only need to search from k on, and rank k + 1 is the smallest value after k.
  let from = start;
  let previous = -2;
  for (const rank of ranks) {
    const at = start + rank;
    if (rank === previous + 1) swap(values, at, indexOfMinimum(values, at, end - 1));
    else select(values, at, from, end - 1);
    out.push(values[at]);
    from = at;
    previous = rank;
  }
  return out;
}

/**
 * The quantiles `qs` of `values[start, end)` (no NaN), in the order of `qs`.
 * Reorders that region; leaves the rest of the array alone.
 */
export function quantilesOfRegion(values: Float64Array, start: number, end: number, qs: readonly number[]): number[] {
  const n = end - start;
  if (n <= 0) return qs.map(() => NaN);
  const order = qs.map((q, i) => ({ q: clampFraction(q), i })).sort((a, b) => a.q - b.q);
  const out = new Array<number>(qs.length);
  // After selecting rank k, everything after k is >= values[k]: later
  // (larger) quantiles only need to search from k on, and rank k + 1 is the
  // smallest value after k.
  let from = start;
  for (const { q, i } of order) {
    const h = (n - 1) * q;
    const below = Math.floor(h);
    const lower = select(values, start + below, from, end - 1);
    from = start + below;
    if (h === below || below + 1 >= n) {
      out[i] = lower;
    } else {
      const upper = minimum(values, start + below + 1, end - 1);
      out[i] = lower + (h - below) * (upper - lower);
    }
  }
  return out;
}

function clampFraction(q: number): number {
  return q < 0 ? 0 : q > 1 ? 1 : q;
}

/**
 * Puts the element of rank `k` at `values[k]`, smaller or equal ones before
 * it and larger or equal ones after it, within `[lo, hi]` (inclusive), and
 * returns it.
 *
 * Floyd and Rivest's SELECT: on a large range, first select within a small
 * sample around the expected position of rank k, so the pivot lands close to
 * it and each round discards almost everything (about 1.5 n comparisons for
 * a median, against about 3.4 n for a random pivot).
 */
function select(values: Float64Array, k: number, lo: number, hi: number): number {
  let left = lo;
  let right = hi;
  // Each round shrinks the range; far more rounds than log2(n) means bad luck with pivots.
  let rounds = 32 + 4 * Math.ceil(Math.log2(hi - lo + 2));
  while (right > left) {
    if (--rounds < 0) {
      // Pathological input: fall back to sorting what is left.
      values.subarray(left, right + 1).sort();
      return values[k];
    }
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      const sampleLeft = Math.max(left, Math.floor(k - (i * s) / n + sd));
      const sampleRight = Math.min(right, Math.floor(k + ((n - i) * s) / n + sd));
      select(values, k, sampleLeft, sampleRight);
    }
    // Hoare partition around t = values[k]; elements equal to t may go either way.
    const t = values[k];
    let i = left;
    let j = right;
    swap(values, left, k);
    if (values[right] > t) swap(values, right, left);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while (values[i] < t) i++;
      while (values[j] > t) j--;
    }
    if (values[left] === t) {
      swap(values, left, j);
    } else {
      j++;
      swap(values, j, right);
    }
    // Now values[j] = t, [left, j) <= t, (j, right] >= t.
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
  return values[k];
}

function swap(values: Float64Array, a: number, b: number): void {
  const x = values[a];
  values[a] = values[b];
  values[b] = x;
}

/** Where the smallest of `values[lo..hi]` (inclusive) is. */
function indexOfMinimum(values: Float64Array, lo: number, hi: number): number {
  let at = lo;
  for (let i = lo + 1; i <= hi; i++) if (values[i] < values[at]) at = i;
  return at;
}

/** The smallest of `values[lo..hi]` (inclusive). */
function minimum(values: Float64Array, lo: number, hi: number): number {
  let min = values[lo];
  for (let i = lo + 1; i <= hi; i++) if (values[i] < min) min = values[i];
  return min;
}
