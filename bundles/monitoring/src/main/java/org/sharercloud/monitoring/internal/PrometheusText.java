package org.sharercloud.monitoring.internal;

import java.util.Locale;

/** Writes the Prometheus text exposition format 0.0.4. */
final class PrometheusText {
    private final StringBuilder sb = new StringBuilder(4096);

    PrometheusText family(String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    PrometheusText sample(String name, double value) {
        sb.append(name).append(' ').append(format(value)).append('\n');
        return this;
    }

    PrometheusText sample(String name, String label, String labelValue, double value) {
        sb.append(name).append('{').append(label).append("=\"").append(escape(labelValue)).append("\"} ").append(format(value)).append('\n');
        return this;
    }

    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
