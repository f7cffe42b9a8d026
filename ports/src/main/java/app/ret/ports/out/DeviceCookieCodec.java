package app.ret.ports.out;

import app.ret.domain.token.DeviceCookie;
import java.util.Optional;

/** Signs and checks device cookies; whether one still vouches for a login is the application's to decide. */
public interface DeviceCookieCodec {
    String encode(DeviceCookie cookie);

    /** The cookie's claims when it is well formed and carries a valid signature, else empty. */
    Optional<DeviceCookie> decode(String value);
}
