package io.tradeflow.testinfra.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's own Micrometer timer read from its Prometheus text: where a benchmark splits its end-to-end figures. */
public final class TimerSums {

    /**
     * {sum in seconds, count} of {@code timer} (its Prometheus base name, e.g. {@code tradeflow_event_freshness}) per
     * value of {@code label}, in the order the text lists them.
     */
    public static Map<String, double[]> byLabel(String metrics, String timer, String label) {
        Matcher m = Pattern.compile(Pattern.quote(timer) + "_seconds_(sum|count)\\{[^}]*" + Pattern.quote(label)
                + "=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)").matcher(metrics);
        Map<String, double[]> byValue = new LinkedHashMap<>();
        while (m.find()) {
            double[] sumCount = byValue.computeIfAbsent(m.group(2), value -> new double[2]);
            sumCount["sum".equals(m.group(1)) ? 0 : 1] = Double.parseDouble(m.group(3));
        }
        return byValue;
    }

    private TimerSums() {
    }
}
