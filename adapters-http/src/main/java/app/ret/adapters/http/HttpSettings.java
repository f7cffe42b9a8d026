package app.ret.adapters.http;

import app.ret.adapters.http.pipeline.CorsPolicy;
import app.ret.adapters.http.pipeline.TrustedProxies;
import app.ret.domain.cluster.InstanceId;
import java.util.Objects;

/** Listen address, the limits the HTTP front end enforces, and the instance its access lines name. */
public record HttpSettings(String host, int port, int handlerThreads, int maxRequestSeconds, boolean cookieSecure,
                           TrustedProxies trustedProxies, CorsPolicy cors, InstanceId instance) {
    public HttpSettings {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(cors, "cors");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        if (handlerThreads < 1) {
            throw new IllegalArgumentException("handler threads must be at least 1");
        }
        if (maxRequestSeconds < 1) {
            throw new IllegalArgumentException("max request seconds must be at least 1");
        }
    }
}
