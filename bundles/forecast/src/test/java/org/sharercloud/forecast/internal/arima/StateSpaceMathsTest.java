package org.sharercloud.forecast.internal.arima;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The pieces under the fit: stationary covariance, parameter transforms, MA inversion, expansion. */
public class StateSpaceMathsTest {

    @Test
    public void stationaryCovarianceSolvesTheLyapunovEquation() {
        double[][] phis = {{0.5, -0.3}, {0.2, 0, 0, 0.6}, {}, {0.9}};
        double[][] thetas = {{0.4}, {-0.5, 0.2, 0, 0, 0, 0.3}, {0.3, -0.2}, {}};
        for (int c = 0; c < phis.length; c++) {
            double[] phi = phis[c];
            double[] theta = thetas[c];
            StateSpace ss = new StateSpace(phi, theta, new double[0]);
            double[][] q = StationaryCovariance.of(phi, theta, ss.r);
            double[][] next = new double[ss.r][ss.r];
            ss.predictCovariance(q, new double[ss.r][ss.r], next);
            for (int i = 0; i < ss.r; i++) {
                assertArrayEquals("case " + c + " row " + i, q[i], next[i], 1e-10);
            }
        }
        assertEquals(1 / (1 - 0.81), StationaryCovariance.of(new double[] {0.9}, new double[0], 1)[0][0], 1e-12);
    }

    @Test
    public void arTransformRoundTripsAndStaysStationary() {
        double[] raw = {2.5, -1.7, 0.4};
        double[] ar = new double[3];
        Transforms.partrans(raw, 0, 3, ar);
        assertTrue(Transforms.arStationary(ar, 0, 3));
        double[] back = new double[3];
        Transforms.invpartrans(ar, 0, 3, back);
        assertArrayEquals(raw, back, 1e-9);
        assertFalse(Transforms.arStationary(new double[] {1.2}, 0, 1));
    }

    @Test
    public void maInvertReflectsRootsInsideTheUnitCircle() {
        double[] ma1 = {2.0};
        Transforms.maInvert(ma1, 0, 1);
        assertEquals(0.5, ma1[0], 1e-12);
        // (1 + 2z)(1 + 0.5z) = 1 + 2.5z + z^2 -> (1 + 0.5z)(1 + 0.5z) = 1 + z + 0.25 z^2
        double[] ma2 = {2.5, 1.0};
        Transforms.maInvert(ma2, 0, 2);
        assertArrayEquals(new double[] {1.0, 0.25}, ma2, 1e-9);
        double[] invertible = {0.3, -0.1};
        Transforms.maInvert(invertible, 0, 2);
        assertArrayEquals(new double[] {0.3, -0.1}, invertible, 0);
    }

    @Test
    public void seasonalPolynomialsMultiplyOut() {
        ArimaSpec spec = new ArimaSpec(1, 0, 1, 1, 0, 1, 4, false);
        double[][] poly = spec.expand(new double[] {0.5, 0.4, 0.3, 0.2});
        // (1 - 0.5B)(1 - 0.3B^4): phi = 0.5, 0, 0, 0.3, -0.15
        assertArrayEquals(new double[] {0.5, 0, 0, 0.3, -0.15}, poly[0], 1e-12);
        // (1 + 0.4B)(1 + 0.2B^4): theta = 0.4, 0, 0, 0.2, 0.08
        assertArrayEquals(new double[] {0.4, 0, 0, 0.2, 0.08}, poly[1], 1e-12);
        // (1-B)(1-B^4) = 1 - B - B^4 + B^5 -> Delta = 1, 0, 0, 1, -1
        assertArrayEquals(new double[] {1, 0, 0, 1, -1}, new ArimaSpec(0, 1, 0, 0, 1, 0, 4, false).delta(), 0);
    }
}
