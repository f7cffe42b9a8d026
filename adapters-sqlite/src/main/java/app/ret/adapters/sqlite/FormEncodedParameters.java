package app.ret.adapters.sqlite;

import app.ret.domain.job.JobParameters;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Job parameters in one column, as {@code application/x-www-form-urlencoded} text
 * ({@code name=value&name=other}): a standard, reversible encoding for any string, and one column
 * instead of a child table saves a statement on every submit and every read of a job.
 */
final class FormEncodedParameters {
    private FormEncodedParameters() {}

    static String encode(JobParameters parameters) {
        StringBuilder text = new StringBuilder();
        parameters.values().forEach((name, values) -> {
            for (String value : values) {
                if (text.length() > 0) {
                    text.append('&');
                }
                text.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return text.toString();
    }

    static JobParameters decode(String text) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            for (String pair : text.split("&", -1)) {
                int equals = pair.indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException("stored job parameters are malformed");
                }
                values.computeIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8), name -> new ArrayList<>())
                        .add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return new JobParameters(values);
    }
}
