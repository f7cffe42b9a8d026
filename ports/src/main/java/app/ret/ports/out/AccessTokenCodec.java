package app.ret.ports.out;

import app.ret.domain.token.AccessClaims;
import java.util.Optional;

/** Signs and checks access tokens; checking time validity is the application's, not the codec's. */
public interface AccessTokenCodec {
    String encode(AccessClaims claims);

    /** The claims of a well-formed token with a valid signature of the pinned algorithm, else empty. */
    Optional<AccessClaims> decode(String token);
}
