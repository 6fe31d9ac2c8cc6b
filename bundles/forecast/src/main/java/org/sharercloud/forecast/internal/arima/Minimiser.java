package org.sharercloud.forecast.internal.arima;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Bounded minimisation with commons-math3: Powell's BOBYQA for two or more parameters, Brent's
 * method for one. Non-finite objective values are replaced by a large penalty.
 */
final class Minimiser {
    private static final double PENALTY = 1e10;
    private static final double INITIAL_RADIUS = 0.1;
    private static final double STOP_RADIUS = 1e-7;
    private static final int MAX_EVAL = 20_000;

    private Minimiser() {
    }

    static double[] minimise(MultivariateFunction f, double[] start, double[] lower, double[] upper) {
        int n = start.length;
        if (n == 0) {
            return start;
        }
        MultivariateFunction safe = x -> {
            double v = f.value(x);
            return Double.isFinite(v) ? v : PENALTY;
        };
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++) {
            double margin = Math.min(INITIAL_RADIUS, (upper[i] - lower[i]) / 4);
            x0[i] = Math.max(lower[i] + margin, Math.min(upper[i] - margin, start[i]));
        }
        if (n == 1) {
            BrentOptimizer brent = new BrentOptimizer(1e-10, 1e-12);
            double x = brent.optimize(new MaxEval(MAX_EVAL), GoalType.MINIMIZE,
                    new UnivariateObjectiveFunction(v -> safe.value(new double[] {v})),
                    new SearchInterval(lower[0], upper[0], x0[0])).getPoint();
            return new double[] {x};
        }
        BOBYQAOptimizer bobyqa = new BOBYQAOptimizer(2 * n + 1, INITIAL_RADIUS, STOP_RADIUS);
        return bobyqa.optimize(new MaxEval(MAX_EVAL), GoalType.MINIMIZE, new ObjectiveFunction(safe),
                new InitialGuess(x0), new SimpleBounds(lower, upper)).getPoint();
    }
}
