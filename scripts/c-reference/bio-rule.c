/*
 * The bio-RRAM rule as an optimized C loop: issue 3's yardstick ("an optimized C loop of the same
 * rule reaches ≈ 58 million agent time steps per second"), measured on the machine at hand.
 *
 * A faithful port of `runReference` in src-core/agents/bio-rram/bio-rram.bench.ts: the same rule
 * tick by tick (every tick all eight integrators of the current position, no jump from spike to
 * spike), the same random draws in the same order, the same floating-point operations:
 *   - xoroshiro128+ stepped as src-core/random/stream.ts (its 32-bit output = the low word of s0+s1),
 *     `uniform` (two steps, 53 bits), `int`, and `fastNormal`, the ziggurat of
 *     src-core/random/ziggurat.ts with its slow path (wedge and tail);
 *   - a level draw G = median·expNear0(−σ·z), src-core/device/model.ts;
 *   - exp and log of the slow path as V8 computes them (fdlibm-exp-log.h);
 *   - the ziggurat tables (K, W, F), expNear0's table and every constant of the rule (levels, κ,
 *     floor, …) are read from the input file that the bench writes, never recomputed here.
 * Compile with -O2 -ffp-contract=off (no -ffast-math: no fused multiply-add, no reassociation).
 *
 * Checked by the bench: for every case it runs, the C loop's total ticks and last positions must equal
 * the network's (as the JavaScript reference's must), or the bench fails.
 *
 * Usage: bio-rule <input.txt>. The input is whitespace-separated text, each field as `name count
 * values…` in the order `readCase` expects (run-c-reference.ts writes it). Prints one line per call:
 *   round R seed S ticks T last P seconds X
 * where seconds is CLOCK_MONOTONIC time of the trials only (building the network is not timed).
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fdlibm-exp-log.h"

/* ---- tables read from the input (bits of V8's, see the header) ---- */
static double ZIG_K[128], ZIG_W[128], ZIG_F[128], EXP_TABLE[2049];
/* Right edge of the base layer (Marsaglia & Tsang 2000, 128 layers), as in ziggurat.ts. */
static const double ZIG_R = 3.442619855899;

/* ---- the random stream ---- */
typedef struct {
  uint64_t s0, s1;
} Rng;

/* pure-rand's word order: (s01, s00, s11, s10), high word first. */
static Rng rng_from_words(const int32_t w[4]) {
  Rng r;
  r.s0 = ((uint64_t)(uint32_t)w[0] << 32) | (uint32_t)w[1];
  r.s1 = ((uint64_t)(uint32_t)w[2] << 32) | (uint32_t)w[3];
  return r;
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* One xoroshiro128+ step: the low 32 bits of s0+s1 as a signed integer (RandomStream.nextInt32). */
static inline int32_t next_int32(Rng *r) {
  const uint64_t s0 = r->s0;
  uint64_t s1 = r->s1;
  const uint32_t out = (uint32_t)(s0 + s1);
  s1 ^= s0;
  r->s0 = rotl(s0, 24) ^ s1 ^ (s1 << 16);
  r->s1 = rotl(s1, 37);
  return (int32_t)out;
}

/* RandomStream.uniform: 26 + 27 bits, pure-rand's uniformFloat64. */
static inline double uniform(Rng *r) {
  const double a = (double)(next_int32(r) & 0x3ffffff);
  const double b = (double)(next_int32(r) & 0x7ffffff);
  return a * 1.4901161193847656e-8 + b * 1.1102230246251565e-16;
}

/* RandomStream.int: floor(uniform·n). */
static inline int rng_int(Rng *r, int n) { return (int)floor(uniform(r) * n); }

/* ziggurat.ts openUniform: (w + 0.5)·2^-32, in (0, 1). */
static inline double open_uniform(Rng *r) { return ((double)(uint32_t)next_int32(r) + 0.5) * 2.3283064365386963e-10; }

/* ziggurat.ts zigguratSlow: the wedge test, or the tail beyond R (Marsaglia 1964). */
static double zig_slow(Rng *r, int32_t h) {
  for (;;) {
    const uint32_t i = (uint32_t)h >> 25;
    const int32_t j = (int32_t)((uint32_t)h << 7) >> 7;
    const double x = j * ZIG_W[i];
    if (i == 0) {
      double t, y;
      do {
        t = -fd_log(open_uniform(r)) / ZIG_R;
        y = -fd_log(open_uniform(r));
      } while (y + y < t * t);
      return j > 0 ? ZIG_R + t : -ZIG_R - t;
    }
    if (ZIG_F[i] + open_uniform(r) * (ZIG_F[i - 1] - ZIG_F[i]) < fd_exp(-0.5 * x * x)) return x;
    h = next_int32(r);
    const uint32_t i2 = (uint32_t)h >> 25;
    const int32_t j2 = (int32_t)((uint32_t)h << 7) >> 7;
    if (fabs((double)j2) < ZIG_K[i2]) return j2 * ZIG_W[i2];
  }
}

/* RandomStream.fastNormal. */
static inline double fast_normal(Rng *r) {
  const int32_t h = next_int32(r);
  const uint32_t i = (uint32_t)h >> 25;
  const int32_t j = (int32_t)((uint32_t)h << 7) >> 7;
  if (fabs((double)j) < ZIG_K[i]) return j * ZIG_W[i];
  return zig_slow(r, h);
}

/* model.ts expNear0: exp(k/64)·(degree-4 Taylor of exp(r)); Math.exp outside |y| < 16. */
static inline double exp_near0(double y) {
  if (!(y > -16 && y < 16)) return fd_exp(y);
  const int i = (int)(y * 64 + (16 * 64 + 0.5));
  const double r = y - (i - 16 * 64) * (1.0 / 64);
  return EXP_TABLE[i] * (1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24)))));
}

typedef struct {
  double medianG, sigma;
} Level;

/* model.ts drawLevelConductanceS. */
static inline double draw_level(Level L, Rng *r) { return L.medianG * exp_near0(-L.sigma * fast_normal(r)); }

static inline double max2(double a, double b) { return a > b ? a : b; }

/* ---- the case ---- */
typedef struct {
  int width, height, wall, goal, start, trials, budget, rounds;
  uint8_t *cells;
  int dRow[8], dCol[8];
  int k, lastPositions, deadlockTicks, ladderN, seedsN;
  double vRead, floor, kappa, initialLrsProbability;
  Level rest, reward, initHrs, hebb, top, penalty, *ladder;
  /* The default rule (run_default): 1, else the legacy rule (run). Its extra constants. */
  int defaultRule, shortcut;
  /* reward.counts 'explored': K counts the positions left while not remembered (the ring holds 8K + 256). */
  int explored;
  Level relax, rewardHrs;
  double rewardStep, penaltyStep, penaltyTopG, minTheta;
  int32_t (*seeds)[4];
} Case;

static FILE *input;
static const char *inputName;

static void fail(const char *field, const char *what) {
  fprintf(stderr, "%s: field '%s': %s\n", inputName, field, what);
  exit(2);
}

/* Reads `name count` and checks the name; returns count (checked against `expected` if ≥ 0). */
static long field(const char *name, long expected) {
  char got[64];
  long count;
  if (fscanf(input, "%63s %ld", got, &count) != 2) fail(name, "missing");
  if (strcmp(got, name) != 0) fail(name, "expected here, found another field");
  if (count < 0 || (expected >= 0 && count != expected)) fail(name, "wrong number of values");
  return count;
}

static double number(const char *name) {
  double v;
  if (fscanf(input, "%lf", &v) != 1) fail(name, "not a number");
  return v;
}

static double scalar(const char *name) {
  field(name, 1);
  return number(name);
}

static int integer(const char *name) {
  const double v = scalar(name);
  if (v != (int)v) fail(name, "not an integer");
  return (int)v;
}

static void numbers(const char *name, double *out, long n) {
  field(name, n);
  for (long i = 0; i < n; i++) out[i] = number(name);
}

static Level level(const char *name) {
  double v[2];
  numbers(name, v, 2);
  return (Level){v[0], v[1]};
}

static void readCase(Case *c) {
  double d[8];
  c->width = integer("width");
  c->height = integer("height");
  if (c->width < 1 || c->height < 1) fail("width", "grid must be at least 1×1");
  const long cellsN = field("cells", (long)c->width * c->height);
  c->cells = malloc((size_t)cellsN);
  for (long i = 0; i < cellsN; i++) c->cells[i] = (uint8_t)number("cells");
  c->wall = integer("wall");
  c->goal = integer("goal");
  numbers("dRow", d, 8);
  for (int i = 0; i < 8; i++) c->dRow[i] = (int)d[i];
  numbers("dCol", d, 8);
  for (int i = 0; i < 8; i++) c->dCol[i] = (int)d[i];
  c->start = integer("start");
  c->trials = integer("trials");
  c->budget = integer("budget");
  c->rounds = integer("rounds");
  c->k = integer("devicesPerSynapse");
  c->vRead = scalar("vReadV");
  c->floor = scalar("floor");
  c->kappa = scalar("kappa");
  c->lastPositions = integer("lastPositions");
  c->deadlockTicks = integer("deadlockTicks");
  c->initialLrsProbability = scalar("initialLrsProbability");
  c->rest = level("restLevel");
  c->reward = level("rewardLevel");
  c->initHrs = level("initialHrsLevel");
  c->hebb = level("hebbianLevel");
  c->top = level("topLevel");
  c->penalty = level("penaltyLevel");
  c->ladderN = (int)field("ladder", -1) / 2;
  if (c->ladderN < 1) fail("ladder", "expected at least one level (median, sigma pairs)");
  c->ladder = malloc(sizeof(Level) * (size_t)c->ladderN);
  for (int i = 0; i < c->ladderN; i++) {
    const double medianG = number("ladder"); /* two statements: an initializer list's order is unspecified */
    c->ladder[i] = (Level){medianG, number("ladder")};
  }
  c->defaultRule = integer("defaultRule");
  c->shortcut = integer("shortcut");
  c->explored = integer("explored");
  c->relax = level("relaxLevel");
  c->rewardHrs = level("rewardHrsLevel");
  c->rewardStep = scalar("rewardStep");
  c->penaltyStep = scalar("penaltyStep");
  c->penaltyTopG = scalar("penaltyTopG");
  c->minTheta = scalar("minTheta");
  numbers("zigK", ZIG_K, 128);
  numbers("zigW", ZIG_W, 128);
  numbers("zigF", ZIG_F, 128);
  numbers("expTable", EXP_TABLE, 2049);
  c->seedsN = (int)field("seeds", -1) / 4;
  c->seeds = malloc(sizeof(int32_t[4]) * (size_t)c->seedsN);
  for (int s = 0; s < c->seedsN; s++)
    for (int i = 0; i < 4; i++) c->seeds[s][i] = (int32_t)(int64_t)number("seeds");
}

typedef struct {
  long ticks, lastPosition;
  double seconds;
} Work;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* kind: 0 rest, 1 rewarded, 2 penalised. */
static inline void restore(const Case *c, int q, const uint8_t *kind, double *theta, Rng *rng) {
  if (kind[q] == 1) theta[q] = c->kappa * draw_level(c->reward, rng);
  else if (kind[q] == 2) theta[q] = max2(theta[q], c->kappa * draw_level(c->penalty, rng));
  else theta[q] = c->kappa * draw_level(c->rest, rng);
}

/* runReference of bio-rram.bench.ts, line for line (forgetting omitted: static layouts). */
static Work run(const Case *c, const int32_t words[4]) {
  Rng rng = rng_from_words(words);
  const int W = c->width + 2;
  const int n = W * (c->height + 2);
  const int k = c->k, K = c->lastPositions;
  const double vRead = c->vRead, kappa = c->kappa, floorI = c->floor;
  double *syn = calloc((size_t)n * 8, sizeof(double));
  double *theta = malloc(sizeof(double) * (size_t)n);
  uint8_t *kind = calloc((size_t)n, 1);
  uint16_t *visits = calloc((size_t)n, sizeof(uint16_t));
  uint32_t *stamp = calloc((size_t)n, sizeof(uint32_t));
  int32_t *raised = calloc((size_t)n, sizeof(int32_t));
  size_t raisedCap = (size_t)n;
  uint8_t *cells = malloc((size_t)n);
  int32_t *recentP = calloc((size_t)K, sizeof(int32_t));
  uint8_t *recentD = calloc((size_t)K, 1);
  int off[8];
  if (!syn || !theta || !kind || !visits || !stamp || !raised || !cells || !recentP || !recentD) {
    fprintf(stderr, "out of memory for a %d×%d grid\n", c->width, c->height);
    exit(3);
  }
  for (int q = 0; q < n; q++) theta[q] = INFINITY;
  memset(cells, 255, (size_t)n);
  for (int d = 0; d < 8; d++) off[d] = c->dRow[d] * W + c->dCol[d];
  for (int r = 0; r < c->height; r++)
    for (int col = 0; col < c->width; col++) cells[(r + 1) * W + col + 1] = c->cells[r * c->width + col];
  for (int r = 0; r < c->height; r++) {
    for (int col = 0; col < c->width; col++) {
      const int q = (r + 1) * W + col + 1;
      theta[q] = kappa * draw_level(c->rest, &rng);
      for (int d = 0; d < 8; d++) {
        const Level L = uniform(&rng) < c->initialLrsProbability ? c->hebb : c->initHrs;
        double g = 0;
        for (int j = 0; j < k; j++) g += vRead * draw_level(L, &rng);
        syn[q * 8 + d] = g;
      }
    }
  }
  long ticks = 0;
  int pos = 0;
  const double t0 = now();
  for (int trial = 1; trial <= c->trials; trial++) {
    pos = (c->start / c->width + 1) * W + (c->start % c->width) + 1;
    int raisedN = 0, head = 0, count = 0, idle = 0;
    int integrated = 0; /* ticks since the last spike: each integrator holds integrated·I_d */
    int steps = 0;
    while (steps < c->budget) {
      steps++;
      integrated++;
      const int base = pos * 8;
      int best = -1, ties = 0;
      double bestI = -INFINITY;
      for (int d = 0; d < 8; d++) {
        const double v = integrated * syn[base + d];
        if (v > theta[pos + off[d]] && v > floorI) {
          if (v > bestI) {
            best = d;
            bestI = v;
            ties = 1;
          } else if (v == bestI) {
            ties++;
            if (rng_int(&rng, ties) == 0) best = d;
          }
        }
      }
      if (best < 0) {
        if (++idle >= c->deadlockTicks) {
          for (int d = 0; d < 8; d++) {
            const int q = pos + off[d];
            if (cells[q] == 255) continue;
            if (kind[q] == 2) kind[q] = 0;
            else if (visits[q] == 0) continue;
            visits[q] = 0;
            restore(c, q, kind, theta, &rng);
          }
          idle = 0;
        }
        continue;
      }
      idle = 0;
      integrated = 0;
      const int t = pos + off[best];
      if (cells[t] == c->wall) {
        kind[t] = 2;
        theta[t] = max2(theta[t], kappa * draw_level(c->penalty, &rng));
        continue;
      }
      double g = 0;
      for (int j = 0; j < k; j++) g += vRead * draw_level(c->hebb, &rng);
      syn[base + best] = g;
      const int v = visits[pos];
      if (v == 0) {
        /* A position cleared mid-trial (deadlock escape) and raised again is listed again: grow when full. */
        if ((size_t)raisedN == raisedCap) {
          raisedCap *= 2;
          int32_t *grown = realloc(raised, sizeof(int32_t) * (size_t)raisedCap);
          if (!grown) {
            fprintf(stderr, "out of memory\n");
            exit(1);
          }
          raised = grown;
        }
        raised[raisedN++] = pos;
      }
      const Level L = c->ladder[v < c->ladderN - 1 ? v : c->ladderN - 1];
      theta[pos] = max2(theta[pos], kappa * draw_level(L, &rng));
      if (v < 0xffff) visits[pos] = (uint16_t)(v + 1);
      recentP[head] = pos;
      recentD[head] = (uint8_t)best;
      head = head + 1 == K ? 0 : head + 1;
      if (count < K) count++;
      pos = t;
      if (cells[t] == c->goal) {
        for (int i = 0; i < count; i++) {
          head = head == 0 ? K - 1 : head - 1;
          const int q = recentP[head];
          double gs = 0;
          for (int j = 0; j < k; j++) gs += vRead * draw_level(c->top, &rng);
          syn[q * 8 + recentD[head]] = gs;
          if (stamp[q] == (uint32_t)trial) continue;
          stamp[q] = (uint32_t)trial;
          kind[q] = 1;
          theta[q] = kappa * draw_level(c->reward, &rng);
          visits[q] = 0;
        }
        break;
      }
    }
    for (int i = 0; i < raisedN; i++) {
      const int q = raised[i];
      if (visits[q] == 0) continue;
      visits[q] = 0;
      restore(c, q, kind, theta, &rng);
    }
    ticks += steps;
  }
  const double seconds = now() - t0;
  free(syn), free(theta), free(kind), free(visits), free(stamp), free(raised), free(cells), free(recentP), free(recentD);
  const int r = pos / W - 1;
  return (Work){ticks, (long)r * c->width + pos % W - 1, seconds};
}

/* ---- the default rule: runReferenceDefault of src-core/agents/bio-rram/reference-loop.ts, line for line ---- */
typedef struct {
  const Case *c;
  Rng *rng;
  double *syn, *theta, *persistent;
} Dev;

static inline void draw_syn(const Dev *v, int i, Level L) {
  double g = 0;
  for (int j = 0; j < v->c->k; j++) g += v->c->vRead * draw_level(L, v->rng);
  v->syn[i] = g;
}
static inline void set_syn(const Dev *v, int i, Level L) {
  const double before = v->syn[i];
  draw_syn(v, i, L);
  if (before > v->syn[i]) v->syn[i] = before;
}
static inline void d_rest(const Dev *v, int q) {
  v->theta[q] = v->c->kappa * draw_level(v->c->rest, v->rng);
  v->persistent[q] = v->theta[q];
}
static inline void d_relax(const Dev *v, int q) {
  v->theta[q] = v->c->kappa * draw_level(v->c->relax, v->rng);
  v->persistent[q] = v->theta[q];
}
static inline void d_penalty(const Dev *v, int q) {
  const Case *c = v->c;
  const double z = exp_near0(-c->penalty.sigma * fast_normal(v->rng));
  double w = c->kappa * (c->penalty.medianG * z);
  const double stepped = v->persistent[q] * c->penaltyStep * z;
  const double top = c->kappa * c->penaltyTopG;
  w = max2(w, stepped < top ? stepped : top);
  v->theta[q] = max2(v->theta[q], w);
  v->persistent[q] = v->theta[q];
}
static inline void d_reward(const Dev *v, int q) {
  const double drawn = v->c->rewardStep * exp_near0(-v->c->rewardHrs.sigma * fast_normal(v->rng));
  const double x = v->persistent[q] * (drawn < 1 ? drawn : 1);
  v->theta[q] = v->c->minTheta > x ? v->c->minTheta : x;
  v->persistent[q] = v->theta[q];
}
/* kind: 0 rest, 1 rewarded, 2 penalised, 3 relaxed. */
static inline void d_restore(const Dev *v, int q, const uint8_t *kind) {
  if (kind[q] == 1) v->theta[q] = v->persistent[q];
  else if (kind[q] == 2) d_penalty(v, q);
  else if (kind[q] == 3) d_relax(v, q);
  else d_rest(v, q);
}

static Work run_default(const Case *c, const int32_t words[4]) {
  Rng rng = rng_from_words(words);
  const int W = c->width + 2;
  const int n = W * (c->height + 2);
  const int K = c->lastPositions;
  const int R = c->explored ? 8 * K + 256 : K;
  const double floorI = c->floor, kappa = c->kappa;
  double *syn = calloc((size_t)n * 8, sizeof(double));
  double *theta = malloc(sizeof(double) * (size_t)n);
  double *persistent = calloc((size_t)n, sizeof(double));
  uint8_t *kind = calloc((size_t)n, 1);
  uint16_t *visits = calloc((size_t)n, sizeof(uint16_t));
  uint32_t *seen = calloc((size_t)n, sizeof(uint32_t));
  uint8_t *lastDir = calloc((size_t)n, 1);
  int32_t *order = calloc((size_t)n, sizeof(int32_t));
  int32_t *raised = calloc((size_t)n, sizeof(int32_t));
  size_t raisedCap = (size_t)n;
  uint8_t *cells = malloc((size_t)n);
  int32_t *recentP = calloc((size_t)R, sizeof(int32_t));
  uint8_t *recentD = calloc((size_t)R, 1);
  uint8_t *recentE = calloc((size_t)R, 1);
  int off[8];
  if (!syn || !theta || !persistent || !kind || !visits || !seen || !lastDir || !order || !raised || !cells || !recentP || !recentD || !recentE) {
    fprintf(stderr, "out of memory for a %d×%d grid\n", c->width, c->height);
    exit(3);
  }
  const Dev dev = {c, &rng, syn, theta, persistent};
  const Dev *v = &dev;
  for (int q = 0; q < n; q++) theta[q] = INFINITY;
  memset(cells, 255, (size_t)n);
  for (int d = 0; d < 8; d++) off[d] = c->dRow[d] * W + c->dCol[d];
  for (int r = 0; r < c->height; r++)
    for (int col = 0; col < c->width; col++) cells[(r + 1) * W + col + 1] = c->cells[r * c->width + col];
  for (int r = 0; r < c->height; r++) {
    for (int col = 0; col < c->width; col++) {
      const int q = (r + 1) * W + col + 1;
      d_rest(v, q);
      for (int d = 0; d < 8; d++) draw_syn(v, q * 8 + d, uniform(&rng) < c->initialLrsProbability ? c->hebb : c->initHrs);
    }
  }
  long ticks = 0;
  int pos = 0;
  const double t0 = now();
  for (int trial = 1; trial <= c->trials; trial++) {
    pos = (c->start / c->width + 1) * W + (c->start % c->width) + 1;
    int raisedN = 0, head = 0, count = 0, idle = 0;
    int integrated = 0; /* ticks since the last spike: each integrator holds integrated·I_d */
    int steps = 0;
    int best = -1, newSegment = 1;
    double target = 0;
    while (steps < c->budget) {
      const int base = pos * 8;
      if (newSegment) {
        newSegment = 0;
        best = -1;
        double bestC = INFINITY;
        int ties = 0;
        for (int d = 0; d < 8; d++) {
          const double s = syn[base + d];
          const double th = theta[pos + off[d]];
          const double t = th > floorI ? th : floorI;
          if (!(s > 0)) continue;
          const double cr = t / s;
          if (cr < bestC) {
            best = d;
            bestC = cr;
            target = t;
            ties = 1;
          } else if (cr == bestC) {
            ties++;
            if (rng_int(&rng, ties) == 0) {
              best = d;
              target = t;
            }
          }
        }
      }
      steps++;
      integrated++;
      if (!(best >= 0 && integrated * syn[base + best] > target)) {
        if (++idle >= c->deadlockTicks) {
          for (int d = 0; d < 8; d++) {
            const int q = pos + off[d];
            if (cells[q] == 255) continue;
            if (kind[q] == 2) kind[q] = 0;
            else if (visits[q] == 0) continue;
            visits[q] = 0;
            d_restore(v, q, kind);
          }
          idle = 0;
          newSegment = 1;
        }
        continue;
      }
      idle = 0;
      integrated = 0;
      newSegment = 1;
      const int t = pos + off[best];
      if (cells[t] == c->wall) {
        const int wasRewarded = kind[t] == 1;
        kind[t] = 2;
        d_penalty(v, t);
        if (wasRewarded || kind[pos] == 1) {
          int h = head;
          const int forget = count < K ? count : K;
          for (int j = 0; j < forget; j++) {
            h = h == 0 ? R - 1 : h - 1;
            const int q = recentP[h];
            if (kind[q] != 1) continue;
            kind[q] = 3;
            d_relax(v, q);
            visits[q] = 0;
          }
        }
        continue;
      }
      set_syn(v, base + best, c->hebb);
      const int vis = visits[pos];
      if (vis == 0) {
        if ((size_t)raisedN == raisedCap) {
          raisedCap *= 2;
          int32_t *grown = realloc(raised, sizeof(int32_t) * (size_t)raisedCap);
          if (!grown) {
            fprintf(stderr, "out of memory\n");
            exit(1);
          }
          raised = grown;
        }
        raised[raisedN++] = pos;
      }
      const Level L = c->ladder[vis < c->ladderN - 1 ? vis : c->ladderN - 1];
      theta[pos] = max2(theta[pos], kappa * draw_level(L, &rng));
      if (vis < 0xffff) visits[pos] = (uint16_t)(vis + 1);
      recentP[head] = pos;
      recentD[head] = (uint8_t)best;
      recentE[head] = kind[pos] == 1 ? 0 : 1;
      head = head + 1 == R ? 0 : head + 1;
      if (count < R) count++;
      pos = t;
      if (cells[t] == c->goal) {
        if (seen[t] != (uint32_t)trial) {
          seen[t] = (uint32_t)trial;
          kind[t] = 1;
          d_reward(v, t);
          visits[t] = 0;
        }
        int span = count;
        if (c->explored) {
          int e = 0, hh = head;
          span = 0;
          while (span < count && e < K) {
            hh = hh == 0 ? R - 1 : hh - 1;
            e += recentE[hh];
            span++;
          }
        }
        const uint32_t mark = (uint32_t)trial + 0x80000000u;
        int h = head, oldest = -1;
        for (int j = 0; j < span; j++) {
          h = h == 0 ? R - 1 : h - 1;
          const int q = recentP[h];
          if (seen[q] != mark) {
            seen[q] = mark;
            lastDir[q] = recentD[h];
            order[q] = j;
          }
          oldest = q;
        }
        int q = oldest;
        for (int j = 0; j < span && q != t && seen[q] == mark; j++) {
          int d = lastDir[q];
          if (c->shortcut) {
            int near = order[q];
            for (int e = 0; e < 8; e++) {
              const int r = q + off[e];
              if (r == t) {
                d = e;
                break;
              }
              if (seen[r] == mark && order[r] < near) {
                near = order[r];
                d = e;
              }
            }
          }
          set_syn(v, q * 8 + d, c->top);
          seen[q] = (uint32_t)trial;
          kind[q] = 1;
          d_reward(v, q);
          visits[q] = 0;
          q = q + off[d];
        }
        h = head;
        for (int j = 0; j < span; j++) {
          h = h == 0 ? R - 1 : h - 1;
          if (seen[recentP[h]] == mark) seen[recentP[h]] = 0;
        }
        break;
      }
    }
    for (int i = 0; i < raisedN; i++) {
      const int q = raised[i];
      if (visits[q] == 0) continue;
      visits[q] = 0;
      d_restore(v, q, kind);
    }
    ticks += steps;
  }
  const double seconds = now() - t0;
  free(syn), free(theta), free(persistent), free(kind), free(visits), free(seen), free(lastDir), free(order), free(raised), free(cells), free(recentP), free(recentD), free(recentE);
  const int r = pos / W - 1;
  return (Work){ticks, (long)r * c->width + pos % W - 1, seconds};
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: bio-rule <input.txt>\n");
    return 2;
  }
  inputName = argv[1];
  input = fopen(inputName, "r");
  if (!input) {
    perror(inputName);
    return 2;
  }
  Case c;
  readCase(&c);
  fclose(input);
  for (int round = 0; round < c.rounds; round++) {
    for (int s = 0; s < c.seedsN; s++) {
      const Work w = c.defaultRule ? run_default(&c, c.seeds[s]) : run(&c, c.seeds[s]);
      printf("round %d seed %d ticks %ld last %ld seconds %.9f\n", round, s, w.ticks, w.lastPosition, w.seconds);
    }
  }
  return 0;
}
