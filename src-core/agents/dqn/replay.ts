/**
 * A ring buffer of transitions (state, action, reward, next state, done). States are stored as
 * position indices and encoded on demand, so a transition costs 17 bytes whatever the input encoding.
 */
export class ReplayBuffer {
  readonly state: Int32Array
  readonly action: Uint8Array
  readonly reward: Float64Array
  readonly nextState: Int32Array
  readonly done: Uint8Array
  private head = 0
  size = 0

  constructor(readonly capacity: number) {
    this.state = new Int32Array(capacity)
    this.action = new Uint8Array(capacity)
    this.reward = new Float64Array(capacity)
    this.nextState = new Int32Array(capacity)
    this.done = new Uint8Array(capacity)
  }

  push(s: number, a: number, r: number, s2: number, done: boolean): void {
    const i = this.head
    this.state[i] = s
    this.action[i] = a
    this.reward[i] = r
    this.nextState[i] = s2
    this.done[i] = done ? 1 : 0
    this.head = i + 1 === this.capacity ? 0 : i + 1
    if (this.size < this.capacity) this.size++
  }
}
