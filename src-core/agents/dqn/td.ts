/**
 * The pieces of a DQN update as pure functions (unit-tested on their own):
 * Huber loss (Huber 1964; Mnih et al. 2015 use it as an error clip) and the Double-DQN target
 * (van Hasselt, Guez & Silver 2016): the online network picks the next action, the target network
 * values it — y = r + γ·(1 − done)·Q_target(s′, argmax_a Q_online(s′, a)).
 */

/** Huber loss of a TD error: ½e² for |e| ≤ δ, δ·(|e| − ½δ) beyond. */
export function huberLoss(err: number, delta: number): number {
  const a = Math.abs(err)
  return a <= delta ? 0.5 * err * err : delta * (a - 0.5 * delta)
}

/** d huberLoss / d err: e inside ±δ, ±δ outside (the error clip). */
export function huberGradient(err: number, delta: number): number {
  return err > delta ? delta : err < -delta ? -delta : err
}

/** Index of the largest of values[base … base+7] (the first on ties: deterministic, no random draw). */
export function argmax8(values: ArrayLike<number>, base: number): number {
  let best = 0
  let bestV = values[base]
  for (let d = 1; d < 8; d++) {
    if (values[base + d] > bestV) {
      bestV = values[base + d]
      best = d
    }
  }
  return best
}

/**
 * TD targets of a minibatch into `out[0 … batch)`. qOnlineNext and qTargetNext hold 8 values per
 * row (Q(s′_b, ·) of each network); discount[b] is the bootstrap discount of row b (γ, or γⁿ for an
 * n-step return). double = false gives the original DQN target r + γ·max_a Q_target(s′, a).
 */
export function tdTargets(
  reward: ArrayLike<number>,
  done: ArrayLike<number>,
  qOnlineNext: ArrayLike<number>,
  qTargetNext: ArrayLike<number>,
  discount: ArrayLike<number>,
  batch: number,
  double: boolean,
  out: Float64Array
): Float64Array {
  for (let b = 0; b < batch; b++) {
    let y = reward[b]
    if (!done[b]) {
      const base = b * 8
      const a = argmax8(double ? qOnlineNext : qTargetNext, base)
      y += discount[b] * qTargetNext[base + a]
    }
    out[b] = y
  }
  return out
}
