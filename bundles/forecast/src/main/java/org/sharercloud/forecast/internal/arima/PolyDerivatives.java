package org.sharercloud.forecast.internal.arima;

/**
 * How each R-layout ARMA coefficient moves the expanded polynomials of {@link ArimaSpec#expand}: for
 * coefficient c, {@code d phi / d c} and {@code d theta / d c} as sparse (index, weight) lists. A seasonal
 * model's products (1 - φ(B))(1 - Φ(B^s)) make these bilinear, so the weights depend on the coefficients.
 */
final class PolyDerivatives {
    final int[][] arIndex;
    final double[][] arWeight;
    final int[][] maIndex;
    final double[][] maWeight;

    private PolyDerivatives(int k) {
        arIndex = new int[k][];
        arWeight = new double[k][];
        maIndex = new int[k][];
        maWeight = new double[k][];
    }

    static PolyDerivatives of(ArimaSpec spec, double[] coef) {
        int p = spec.p();
        int q = spec.q();
        int sp = spec.sp();
        int sq = spec.sq();
        int s = spec.s();
        PolyDerivatives d = new PolyDerivatives(spec.narma());
        for (int i = 0; i < p; i++) { // phi_i: +1 at i, -Φ_J at (J+1)s + i
            int[] idx = new int[1 + sp];
            double[] w = new double[1 + sp];
            idx[0] = i;
            w[0] = 1;
            for (int j = 0; j < sp; j++) {
                idx[1 + j] = (j + 1) * s + i;
                w[1 + j] = -coef[p + q + j];
            }
            d.set(i, idx, w, new int[0], new double[0]);
        }
        for (int i = 0; i < q; i++) { // theta_i: +1 at i, +Θ_J at (J+1)s + i
            int[] idx = new int[1 + sq];
            double[] w = new double[1 + sq];
            idx[0] = i;
            w[0] = 1;
            for (int j = 0; j < sq; j++) {
                idx[1 + j] = (j + 1) * s + i;
                w[1 + j] = coef[p + q + sp + j];
            }
            d.set(p + i, new int[0], new double[0], idx, w);
        }
        for (int j = 0; j < sp; j++) { // Φ_J: +1 at (J+1)s - 1, -phi_i at (J+1)s + i
            int[] idx = new int[1 + p];
            double[] w = new double[1 + p];
            idx[0] = (j + 1) * s - 1;
            w[0] = 1;
            for (int i = 0; i < p; i++) {
                idx[1 + i] = (j + 1) * s + i;
                w[1 + i] = -coef[i];
            }
            d.set(p + q + j, idx, w, new int[0], new double[0]);
        }
        for (int j = 0; j < sq; j++) { // Θ_J: +1 at (J+1)s - 1, +theta_i at (J+1)s + i
            int[] idx = new int[1 + q];
            double[] w = new double[1 + q];
            idx[0] = (j + 1) * s - 1;
            w[0] = 1;
            for (int i = 0; i < q; i++) {
                idx[1 + i] = (j + 1) * s + i;
                w[1 + i] = coef[p + i];
            }
            d.set(p + q + sp + j, new int[0], new double[0], idx, w);
        }
        return d;
    }

    private void set(int c, int[] ai, double[] aw, int[] mi, double[] mw) {
        arIndex[c] = ai;
        arWeight[c] = aw;
        maIndex[c] = mi;
        maWeight[c] = mw;
    }

    /** Indices (ascending, distinct) of the structurally non-zero entries of an expanded polynomial part. */
    static int[] support(int nonSeasonal, int seasonal, int s) {
        boolean[] used = new boolean[nonSeasonal + seasonal * Math.max(s, 1) + 1];
        for (int i = 0; i < nonSeasonal; i++) {
            used[i] = true;
        }
        for (int j = 0; j < seasonal; j++) {
            used[(j + 1) * s - 1] = true;
            for (int i = 0; i < nonSeasonal; i++) {
                used[(j + 1) * s + i] = true;
            }
        }
        int n = 0;
        for (boolean u : used) {
            n += u ? 1 : 0;
        }
        int[] idx = new int[n];
        int k = 0;
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                idx[k++] = i;
            }
        }
        return idx;
    }
}
