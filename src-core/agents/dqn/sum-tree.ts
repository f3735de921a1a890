/**
 * A sum tree over `capacity` non-negative priorities (Schaul, Quan, Antonoglou & Silver, ICLR 2016,
 * appendix B.2.1): set a priority and draw a slot with probability priority / total, both O(log n).
 * Leaves live at [size … 2·size) of a flat array, each inner node holds the sum of its two children.
 */
export class SumTree {
  private readonly size: number
  private readonly tree: Float64Array

  constructor(readonly capacity: number) {
    let size = 1
    while (size < capacity) size *= 2
    this.size = size
    this.tree = new Float64Array(2 * size)
  }

  get total(): number {
    return this.tree[1]
  }

  get(slot: number): number {
    return this.tree[this.size + slot]
  }

  set(slot: number, priority: number): void {
    const t = this.tree
    let i = this.size + slot
    t[i] = priority
    // Sums recomputed from the children (no drift from repeated increments).
    for (i >>= 1; i >= 1; i >>= 1) t[i] = t[2 * i] + t[2 * i + 1]
  }

  /** The slot whose cumulative priority interval holds `mass` ∈ [0, total). */
  find(mass: number): number {
    const t = this.tree
    let i = 1
    while (i < this.size) {
      const left = 2 * i
      if (mass < t[left] || t[left + 1] <= 0) i = left
      else {
        mass -= t[left]
        i = left + 1
      }
    }
    return Math.min(i - this.size, this.capacity - 1)
  }

  clear(): void {
    this.tree.fill(0)
  }
}
