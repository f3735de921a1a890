/*
 * exp and log as V8 computes Math.exp and Math.log: fdlibm's algorithms (the FreeBSD msun form that
 * V8's base/ieee754 follows), so that the C reference loop's ziggurat slow path (a wedge test with
 * an exp, a tail with two logs) gives the very bits the JavaScript one gives. glibc's exp and log are
 * more accurate and differ from V8's in the last bit on about 7–9 % of arguments, which would change
 * the tail deviates and, through them, rare comparisons of the rule.
 *
 * Checked against node's Math.exp / Math.log bit for bit on millions of arguments (see
 * scripts/c-reference/check-libm.ts).
 *
 * The algorithms and their coefficients are fdlibm's:
 *   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *   Developed at SunPro, a Sun Microsystems, Inc. business.
 *   Permission to use, copy, modify, and distribute this software is freely granted, provided that
 *   this notice is preserved.
 */
#ifndef FDLIBM_EXP_LOG_H
#define FDLIBM_EXP_LOG_H

#include <stdint.h>
#include <string.h>

static inline uint64_t fd_bits(double x) {
  uint64_t u;
  memcpy(&u, &x, 8);
  return u;
}

static inline double fd_from_bits(uint64_t u) {
  double x;
  memcpy(&x, &u, 8);
  return x;
}

static inline int32_t fd_high(double x) { return (int32_t)(fd_bits(x) >> 32); }
static inline uint32_t fd_low(double x) { return (uint32_t)fd_bits(x); }
static inline double fd_with_high(double x, int32_t hi) {
  return fd_from_bits(((uint64_t)(uint32_t)hi << 32) | fd_low(x));
}

/* e^x: x = k·ln2 + r with |r| ≤ ln2/2, e^r from a degree-5 Remez fit of r·(e^r+1)/(e^r−1). */
static double fd_exp(double x) {
  static const double half[2] = {0.5, -0.5};
  static const double ln2hi[2] = {6.93147180369123816490e-01, -6.93147180369123816490e-01};
  static const double ln2lo[2] = {1.90821492927058770002e-10, -1.90821492927058770002e-10};
  const double huge = 1.0e+300, twom1000 = 9.33263618503218878990e-302;
  const double o_threshold = 7.09782712893383973096e+02, u_threshold = -7.45133219101941108420e+02;
  const double invln2 = 1.44269504088896338700e+00;
  const double P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03,
               P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06,
               P5 = 4.13813679705723846039e-08;
  double hi = 0, lo = 0, c, t, y, twopk;
  int32_t k = 0;
  uint32_t hx = (uint32_t)fd_high(x);
  int xsb = (int)((hx >> 31) & 1);
  hx &= 0x7fffffff;
  if (hx >= 0x40862E42) { /* |x| ≥ 709.78…: overflow, underflow, inf or NaN */
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | fd_low(x)) != 0) return x + x;
      return xsb == 0 ? x : 0.0;
    }
    if (x > o_threshold) return huge * huge;
    if (x < u_threshold) return twom1000 * twom1000;
  }
  if (hx > 0x3fd62e42) { /* |x| > ln2/2 */
    if (hx < 0x3FF0A2B2) { /* and |x| < 1.5·ln2 */
      hi = x - ln2hi[xsb];
      lo = ln2lo[xsb];
      k = 1 - xsb - xsb;
    } else {
      k = (int32_t)(invln2 * x + half[xsb]);
      t = k;
      hi = x - t * ln2hi[0];
      lo = t * ln2lo[0];
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) { /* |x| < 2^-28 */
    if (huge + x > 1.0) return 1.0 + x;
  } else {
    k = 0;
  }
  t = x * x;
  if (k >= -1021) twopk = fd_from_bits((uint64_t)(0x3ff00000u + ((uint32_t)k << 20)) << 32);
  else twopk = fd_from_bits((uint64_t)(0x3ff00000u + ((uint32_t)(k + 1000) << 20)) << 32);
  c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * 0x1p1023;
    return y * twopk;
  }
  return y * twopk * twom1000;
}

/* ln x: x = 2^k·(1+f) with √2/2 < 1+f < √2, ln(1+f) = 2s + s·R(s²), s = f/(2+f). */
static double fd_log(double x) {
  const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  const double two54 = 1.80143985094819840000e+16;
  const double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01,
               Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01,
               Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
               Lg7 = 1.479819860511658591e-01;
  double hfsq, f, s, z, R, w, t1, t2, dk;
  int32_t k = 0, hx = fd_high(x), i, j;
  uint32_t lx = fd_low(x);
  volatile double zero = 0.0;
  if (hx < 0x00100000) { /* x < 2^-1022 */
    if (((hx & 0x7fffffff) | (int32_t)lx) == 0) return -two54 / zero;
    if (hx < 0) return (x - x) / zero;
    k -= 54;
    x *= two54;
    hx = fd_high(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  i = (hx + 0x95f64) & 0x100000;
  x = fd_with_high(x, hx | (i ^ 0x3ff00000)); /* normalize x or x/2 */
  k += (i >> 20);
  f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) { /* -2^-20 ≤ f < 2^-20 */
    if (f == 0.0) {
      if (k == 0) return 0.0;
      dk = (double)k;
      return dk * ln2_hi + dk * ln2_lo;
    }
    R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R;
    dk = (double)k;
    return dk * ln2_hi - ((R - dk * ln2_lo) - f);
  }
  s = f / (2.0 + f);
  dk = (double)k;
  z = s * s;
  i = hx - 0x6147a;
  w = z * z;
  j = 0x6b851 - hx;
  t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  R = t2 + t1;
  if (i > 0) {
    hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * ln2_hi - ((hfsq - (s * (hfsq + R) + dk * ln2_lo)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * ln2_hi - ((s * (f - R) - dk * ln2_lo) - f);
}

#endif
