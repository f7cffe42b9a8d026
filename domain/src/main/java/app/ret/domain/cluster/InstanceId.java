package app.ret.domain.cluster;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which of several RET processes sharing one database this is: it tags the access line, the
 * readiness answer and the change notices the instance sends (so it can ignore its own). 1–64
 * letters, digits, dots, underscores or hyphens.
 */
public record InstanceId(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public InstanceId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("an instance id is 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    /** {@code host-pid} from a host name of any form: characters outside the id's alphabet become hyphens, and it is cut to fit. */
    public static InstanceId of(String hostName, long processId) {
        String suffix = "-" + processId;
        String host = hostName.replaceAll("[^A-Za-z0-9._-]", "-");
        if (host.isEmpty()) {
            host = "ret";
        }
        return new InstanceId(host.substring(0, Math.min(host.length(), 64 - suffix.length())) + suffix);
    }

    @Override
    public String toString() {
        return value;
    }
}
