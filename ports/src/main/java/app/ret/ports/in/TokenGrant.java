package app.ret.ports.in;

import app.ret.domain.session.Session;
import java.time.Duration;

/** What a login or refresh hands the client: a signed access token and an opaque refresh token. */
public record TokenGrant(String accessToken, Duration accessTokenLifetime, String refreshToken, Duration refreshTokenLifetime, Session session) {
    @Override
    public String toString() {
        return "TokenGrant[session=" + session.id() + "]";
    }
}
