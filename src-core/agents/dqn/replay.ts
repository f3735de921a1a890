/**
 * A ring buffer of transitions (state, action, return, next state, done, horizon): once full, each new
 * transition overwrites the oldest. States are stored as position indices and encoded on demand, so a
 * transition costs 19 bytes whatever the input encoding. `horizon` is the number of environment steps
 * the return spans (1 for a one-step transition; n for an n-step one), so its bootstrap discount is γ^horizon.
 */
export class ReplayBuffer {
  readonly state: Int32Array
  readonly action: Uint8Array
  readonly reward: Float64Array
  readonly nextState: Int32Array
  readonly done: Uint8Array
  readonly horizon: Uint8Array
  /** 1 if the transition's first step moved the agent, 0 if it bumped (change detection, dqn.ts). */
  readonly firstMoved: Uint8Array
  private head = 0
  size = 0

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new RangeError(`replay capacity must be a positive integer, got ${capacity}`)
    this.state = new Int32Array(capacity)
    this.action = new Uint8Array(capacity)
    this.reward = new Float64Array(capacity)
    this.nextState = new Int32Array(capacity)
    this.done = new Uint8Array(capacity)
    this.horizon = new Uint8Array(capacity)
    this.firstMoved = new Uint8Array(capacity)
  }

  /** Store a transition; returns the slot it went to. */
  push(s: number, a: number, r: number, s2: number, done: boolean, horizon = 1, firstMoved = true): number {
    const i = this.head
    this.state[i] = s
    this.action[i] = a
    this.reward[i] = r
    this.nextState[i] = s2
    this.done[i] = done ? 1 : 0
    this.horizon[i] = horizon
    this.firstMoved[i] = firstMoved ? 1 : 0
    this.head = i + 1 === this.capacity ? 0 : i + 1
    if (this.size < this.capacity) this.size++
    return i
  }

  /**
   * Drop every stored transition for which `drop(slot)` is true, keeping the others in age order
   * (oldest first, the next push goes after the newest). O(size). Returns the old slots of the kept
   * transitions in their new order (new slot k held old slot kept[k]), or null if nothing was dropped.
   */
  removeWhere(drop: (slot: number) => boolean): number[] | null {
    const n = this.size
    const oldest = n < this.capacity ? 0 : this.head
    const keep: number[] = []
    for (let k = 0; k < n; k++) {
      const j = (oldest + k) % this.capacity
      if (!drop(j)) keep.push(j)
    }
    if (keep.length === n) return null
    const cols = [this.state, this.action, this.reward, this.nextState, this.done, this.horizon, this.firstMoved]
    for (const col of cols) {
      const copy = keep.map((j) => col[j])
      for (let k = 0; k < copy.length; k++) col[k] = copy[k]
    }
    this.size = keep.length
    this.head = this.size === this.capacity ? 0 : this.size
    return keep
  }
}
