package org.sharercloud.forecast.internal.arima;

/**
 * Maps optimiser variables to R-layout coefficients and back. With {@code transform} the AR and
 * seasonal AR blocks are on R's atanh-PACF scale; the mean is always centred and scaled
 * (mean = centre + u · scale, R's parscale of 10 standard errors).
 */
final class ParameterCodec {
    private static final double AR_BOUND = 8.0;
    private static final double MEAN_BOUND = 1e3;

    private final ArimaSpec spec;
    private final boolean transform;
    private final double centre;
    private final double scale;

    ParameterCodec(ArimaSpec spec, boolean transform, double centre, double scale) {
        this.spec = spec;
        this.transform = transform;
        this.centre = centre;
        this.scale = scale;
    }

    double[] decode(double[] x) {
        double[] coef = x.clone();
        if (transform) {
            Transforms.partrans(x, 0, spec.p(), coef);
            Transforms.partrans(x, spec.p() + spec.q(), spec.sp(), coef);
        }
        if (spec.mean()) {
            coef[spec.narma()] = centre + x[spec.narma()] * scale;
        }
        return coef;
    }

    double[] encode(double[] coef) {
        double[] x = coef.clone();
        if (transform) {
            Transforms.invpartrans(coef, 0, spec.p(), x);
            Transforms.invpartrans(coef, spec.p() + spec.q(), spec.sp(), x);
        }
        if (spec.mean()) {
            x[spec.narma()] = (coef[spec.narma()] - centre) / scale;
        }
        return x;
    }

    /** The gradient in optimiser variables from the gradient in coefficients (chain rule through decode). */
    double[] chain(double[] x, double[] gCoef) {
        double[] g = gCoef.clone();
        if (transform) {
            chainBlock(x, gCoef, g, 0, spec.p());
            chainBlock(x, gCoef, g, spec.p() + spec.q(), spec.sp());
        }
        if (spec.mean()) {
            g[spec.narma()] = gCoef[spec.narma()] * scale;
        }
        return g;
    }

    private static void chainBlock(double[] x, double[] gCoef, double[] g, int from, int count) {
        if (count == 0) {
            return;
        }
        double[][] jac = Transforms.partransJacobian(x, from, count);
        for (int i = 0; i < count; i++) {
            double v = 0;
            for (int c = 0; c < count; c++) {
                v += gCoef[from + c] * jac[c][i];
            }
            g[from + i] = v;
        }
    }

    double[] lower() {
        double[] upper = upper();
        double[] lower = new double[upper.length];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = -upper[i];
        }
        return lower;
    }

    double[] upper() {
        double[] b = new double[spec.npar()];
        fill(b, 0, spec.p(), transform ? AR_BOUND : polyBound(spec.p()));
        fill(b, spec.p(), spec.q(), polyBound(spec.q()));
        fill(b, spec.p() + spec.q(), spec.sp(), transform ? AR_BOUND : polyBound(spec.sp()));
        fill(b, spec.p() + spec.q() + spec.sp(), spec.sq(), polyBound(spec.sq()));
        if (spec.mean()) {
            b[spec.narma()] = MEAN_BOUND;
        }
        return b;
    }

    /** A box holding every stationary / invertible polynomial of this degree: max binomial + 1. */
    private static double polyBound(int degree) {
        double c = 1;
        for (int k = 1; k <= degree / 2; k++) {
            c = c * (degree - k + 1) / k;
        }
        return c + 1;
    }

    private static void fill(double[] b, int from, int count, double value) {
        for (int i = 0; i < count; i++) {
            b[from + i] = value;
        }
    }
}
