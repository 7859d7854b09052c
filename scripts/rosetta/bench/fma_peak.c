/* The float32 multiply-add throughput of one core, with no memory traffic: the true peak that no
 * matrix product can beat. Twelve independent accumulators of 16 floats (one AVX-512 register, or
 * two AVX2 ones) keep every FMA unit busy whatever the clock the core runs at while it works.
 *
 *   cc -O2 -march=native -ffp-contract=fast fma_peak.c -o fma_peak && ./fma_peak ROUNDS
 * prints the GFLOP/s reached (and a checksum, so that the compiler keeps the work).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef float vec __attribute__((vector_size(64)));

#define STEP(a) a = a * scale + shift

int main(int argc, char **argv) {
    long rounds = argc > 1 ? atol(argv[1]) : 50000000L;
    vec scale, shift, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11;
    for (int i = 0; i < 16; i++) {
        scale[i] = 0.999999f;
        shift[i] = 1e-6f;
        a0[i] = i; a1[i] = i + 1; a2[i] = i + 2; a3[i] = i + 3; a4[i] = i + 4; a5[i] = i + 5;
        a6[i] = i + 6; a7[i] = i + 7; a8[i] = i + 8; a9[i] = i + 9; a10[i] = i + 10; a11[i] = i + 11;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long r = 0; r < rounds; r++) {
        STEP(a0); STEP(a1); STEP(a2); STEP(a3); STEP(a4); STEP(a5);
        STEP(a6); STEP(a7); STEP(a8); STEP(a9); STEP(a10); STEP(a11);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    vec sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    float checksum = 0;
    for (int i = 0; i < 16; i++) checksum += sum[i];
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%.3f %g\n", rounds * 12.0 * 16 * 2 / seconds / 1e9, checksum);
    return 0;
}
