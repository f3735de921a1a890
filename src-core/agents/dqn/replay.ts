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
  }

  /** Store a transition; returns the slot it went to. */
  push(s: number, a: number, r: number, s2: number, done: boolean, horizon = 1): number {
    const i = this.head
    this.state[i] = s
    this.action[i] = a
    this.reward[i] = r
    this.nextState[i] = s2
    this.done[i] = done ? 1 : 0
    this.horizon[i] = horizon
    this.head = i + 1 === this.capacity ? 0 : i + 1
    if (this.size < this.capacity) this.size++
    return i
  }
}
