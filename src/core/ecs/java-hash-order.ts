// The iteration order of a java.util.HashMap<String, ?> filled with keys in a given order, as
// Elasticsearch builds one for every JSON object of a record (ecs-mapping.md, section 8.2):
// String.hashCode over UTF-16 code units, spread by h ^ (h >>> 16), 16 buckets at first, a
// doubling when the size exceeds 3/4 of the capacity, and the extra doubling HashMap performs
// instead of making a tree bin while the table is smaller than 64 buckets.

const INITIAL_CAPACITY = 16;
const TREEIFY_THRESHOLD = 8;
const MIN_TREEIFY_CAPACITY = 64;

/** Java's String.hashCode() as an unsigned 32-bit value. */
export function javaStringHash(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) {
    hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  }
  return hash >>> 0;
}

/** HashMap.hash(): the high half folded into the low half. */
export function spreadHash(hash: number): number {
  return (hash ^ (hash >>> 16)) >>> 0;
}

export interface HashMapOrder {
  /** Indexes into the keys given, in iteration order. */
  order: number[];
  /** Final number of buckets. */
  capacity: number;
  /**
   * True when a bucket became a red-black tree bin (9+ keys in one bucket of a table of 64 or
   * more). Tree bins iterate in an order this model does not reproduce; `order` then keeps the
   * list-bin order, a stable but possibly wrong answer.
   */
  treeBin: boolean;
}

/**
 * Iteration order of a HashMap into which `keys` (distinct) were put in this order. Removing
 * entries later never changes the order of the others nor shrinks the table, so callers
 * filter this order to get the order after pruning.
 */
export function javaHashMapOrder(keys: readonly string[]): HashMapOrder {
  const count = keys.length;
  const hashes = new Array<number>(count);
  for (let i = 0; i < count; i++) hashes[i] = spreadHash(javaStringHash(keys[i]));

  // Replay the puts, tracking only bucket sizes: the final order follows from the final
  // capacity, since splits keep insertion order inside every bucket.
  let capacity = INITIAL_CAPACITY;
  let sizes: Int32Array = new Int32Array(capacity);
  let treeBin = false;
  for (let i = 0; i < count; i++) {
    const bucket = hashes[i] & (capacity - 1);
    sizes[bucket]++;
    if (sizes[bucket] > TREEIFY_THRESHOLD) {
      if (capacity < MIN_TREEIFY_CAPACITY) {
        capacity *= 2;
        sizes = bucketSizes(hashes, i + 1, capacity);
      } else {
        treeBin = true;
      }
    }
    if (i + 1 > (capacity * 3) / 4) {
      capacity *= 2;
      sizes = bucketSizes(hashes, i + 1, capacity);
    }
  }

  // Buckets in index order, keys inside a bucket in insertion order: a stable sort.
  const mask = capacity - 1;
  const order = Array.from({ length: count }, (_, i) => i);
  if (count > 1) order.sort((a, b) => (hashes[a] & mask) - (hashes[b] & mask) || a - b);
  return { order, capacity, treeBin };
}

function bucketSizes(hashes: readonly number[], count: number, capacity: number): Int32Array {
  const sizes = new Int32Array(capacity);
  for (let i = 0; i < count; i++) sizes[hashes[i] & (capacity - 1)]++;
  return sizes;
}
