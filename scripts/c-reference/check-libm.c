/*
 * Reads (argument, node's Math.exp(argument), argument, node's Math.log(argument)) as little-endian
 * float64 quadruples from the file named on the command line and prints how many of fdlibm-exp-log.h's
 * results differ in any bit, and how many of glibc's do. Driven by check-libm.ts.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "fdlibm-exp-log.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: check-libm <pairs.bin>\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  double q[4];
  long n = 0, expOurs = 0, logOurs = 0, expGlibc = 0, logGlibc = 0;
  while (fread(q, sizeof(double), 4, f) == 4) {
    n++;
    if (fd_bits(fd_exp(q[0])) != fd_bits(q[1])) expOurs++;
    if (fd_bits(fd_log(q[2])) != fd_bits(q[3])) logOurs++;
    if (fd_bits(exp(q[0])) != fd_bits(q[1])) expGlibc++;
    if (fd_bits(log(q[2])) != fd_bits(q[3])) logGlibc++;
  }
  fclose(f);
  printf("arguments %ld exp-differs %ld log-differs %ld glibc-exp-differs %ld glibc-log-differs %ld\n", n, expOurs, logOurs, expGlibc, logGlibc);
  return 0;
}
