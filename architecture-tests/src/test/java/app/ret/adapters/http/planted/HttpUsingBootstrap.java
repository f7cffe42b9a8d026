package app.ret.adapters.http.planted;

import app.ret.bootstrap.RetConfig;

/** Planted violation: an adapter reading the configuration instead of being handed its settings. */
public final class HttpUsingBootstrap {
    public int port(RetConfig config) {
        return config.apiPort();
    }
}
