package org.sharercloud.portal.internal.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.forecast.ArimaOrder;
import org.sharercloud.api.forecast.ForecastResult;
import org.sharercloud.portal.internal.Services;

/** {@code sharer:forecast}: fits a model to a CSV column (the last number on each line) and forecasts. */
@Service
@Command(scope = "sharer", name = "forecast", description = "Fits ARIMA (or a baseline) to a CSV series and prints the forecast")
public class ForecastCommand implements Action {
    @Reference
    Services services;

    @Argument(index = 0, name = "file", required = true, description = "CSV file; the last numeric field of each line is the value")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--order", description = "p,d,q (default: automatic selection)")
    String order;

    @Option(name = "--seasonal", description = "P,D,Q,period")
    String seasonal;

    @Option(name = "--period", description = "seasonal period for automatic selection")
    int period;

    @Option(name = "--no-mean", description = "fit without a mean")
    boolean noMean;

    @Option(name = "--horizon", aliases = "-h", description = "steps ahead (default 12)")
    int horizon = 12;

    @Option(name = "--forecaster", aliases = "-f", description = "arima (default), naive, seasonal-naive")
    @Completion(ForecasterNameCompleter.class)
    String forecaster = "arima";

    @Option(name = "--json", description = "Print the API's JSON (POST /api/v1/forecasts) instead")
    boolean json;

    @Override
    public Object execute() throws Exception {
        try {
            double[] values = read(Path.of(file));
            ForecastResult r = services.forecaster(forecaster).forecast(values, order(), horizon);
            if (json) {
                ShellJson.print(r);
                return null;
            }
            print(r, values.length);
        } catch (ApiException e) {
            System.out.println("Error: " + e.getMessage());
        } catch (IOException e) {
            System.out.println("Error: cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            System.out.println("Error: " + e.getMessage());
        }
        return null;
    }

    private ArimaOrder order() {
        if (order == null) {
            return period > 1 ? ArimaOrder.auto(period) : null;
        }
        int[] o = ints(order, 3, "--order p,d,q");
        int[] s = seasonal == null ? new int[] {0, 0, 0, 0} : ints(seasonal, 4, "--seasonal P,D,Q,period");
        return new ArimaOrder(o[0], o[1], o[2], s[0], s[1], s[2], s[3], !noMean);
    }

    private static int[] ints(String csv, int n, String what) {
        String[] parts = csv.split(",");
        if (parts.length != n) {
            throw new IllegalArgumentException(what + " needs " + n + " comma-separated integers");
        }
        try {
            return Arrays.stream(parts).mapToInt(p -> Integer.parseInt(p.strip())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " needs integers, got " + csv);
        }
    }

    static double[] read(Path path) throws IOException {
        List<Double> out = new ArrayList<>();
        for (String line : ShellFiles.read(path.toString(), "file").split("\\R")) {
            String[] fields = line.split("[,;\\t ]+");
            for (int i = fields.length - 1; i >= 0; i--) {
                try {
                    out.add(Double.parseDouble(fields[i].strip()));
                    break;
                } catch (NumberFormatException e) {
                    // a header or a label: try the previous field, or skip the line
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(path + " holds no numbers");
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void print(ForecastResult r, int n) {
        ArimaOrder o = r.order();
        System.out.printf("%s fitted to %d values: ARIMA(%d,%d,%d)(%d,%d,%d)[%d]%n", r.forecaster(), n, o.p(), o.d(), o.q(), o.P(), o.D(), o.Q(), o.period());
        System.out.println("coefficients: ar=" + Arrays.toString(r.coefficients().ar()) + " ma=" + Arrays.toString(r.coefficients().ma())
                + " sar=" + Arrays.toString(r.coefficients().sar()) + " sma=" + Arrays.toString(r.coefficients().sma())
                + " intercept=" + r.coefficients().intercept());
        System.out.printf("sigma2=%.6g loglik=%.4f aic=%.4f%n", r.sigma2(), r.loglik(), r.aic());
        ShellTable t = new ShellTable();
        t.column("Step");
        t.column("Forecast");
        t.column("SE");
        for (int i = 0; i < r.forecast().length; i++) {
            t.addRow().addContent(i + 1, String.format("%.6g", r.forecast()[i]), String.format("%.6g", r.se()[i]));
        }
        t.print(System.out);
    }
}
