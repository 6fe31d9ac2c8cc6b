package org.sharercloud.forecast.internal.arima;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Minimisation with commons-math3: Polak-Ribière non-linear conjugate gradients with a
 * central-difference gradient for two or more parameters, Brent's method (bounded) for one.
 * Non-finite objective values are replaced by a large penalty.
 */
final class Minimiser {
    private static final double PENALTY = 1e10;
    private static final double STEP = 1e-5;
    private static final int MAX_EVAL = 20_000;
    /** Stop when an iteration improves the objective (per observation) by less than this, relatively. */
    private static final double VALUE_REL_TOL = 1e-10;
    private static final double LINE_REL_TOL = 1e-9;
    private static final double INITIAL_BRACKET = 0.05;

    private Minimiser() {
    }

    static double[] minimise(MultivariateFunction f, double[] start, double[] lower, double[] upper) {
        return minimise(f, start, lower, upper, VALUE_REL_TOL);
    }

    /** @param relTol stop when an iteration improves the objective by less than this, relatively */
    static double[] minimise(MultivariateFunction f, double[] start, double[] lower, double[] upper, double relTol) {
        int n = start.length;
        if (n == 0) {
            return start;
        }
        MultivariateFunction safe = x -> {
            double v = f.value(x);
            return Double.isFinite(v) ? v : PENALTY;
        };
        if (n == 1) {
            double x0 = Math.max(lower[0], Math.min(upper[0], start[0]));
            BrentOptimizer brent = new BrentOptimizer(1e-10, 1e-12);
            double x = brent.optimize(new MaxEval(MAX_EVAL), GoalType.MINIMIZE,
                    new UnivariateObjectiveFunction(v -> safe.value(new double[] {v})),
                    new SearchInterval(lower[0], upper[0], x0)).getPoint();
            return new double[] {x};
        }
        NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(relTol, 1e-14),
                LINE_REL_TOL, 1e-12, INITIAL_BRACKET);
        PointValuePair best = cg.optimize(new MaxEval(MAX_EVAL), new MaxIter(MAX_EVAL), GoalType.MINIMIZE,
                new ObjectiveFunction(safe), new ObjectiveFunctionGradient(x -> gradient(safe, x)), new InitialGuess(start));
        return best.getPoint();
    }

    private static double[] gradient(MultivariateFunction f, double[] x) {
        double[] g = new double[x.length];
        double[] y = x.clone();
        for (int i = 0; i < x.length; i++) {
            double h = STEP * Math.max(1, Math.abs(x[i]));
            y[i] = x[i] + h;
            double up = f.value(y);
            y[i] = x[i] - h;
            double down = f.value(y);
            y[i] = x[i];
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }
}
