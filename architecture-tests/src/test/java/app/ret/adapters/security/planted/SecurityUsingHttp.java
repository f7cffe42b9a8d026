package app.ret.adapters.security.planted;

import app.ret.adapters.http.HttpSettings;

/** Planted violation: the security adapter reaching into the HTTP adapter. */
public final class SecurityUsingHttp {
    public boolean secureCookies(HttpSettings settings) {
        return settings.cookieSecure();
    }
}
