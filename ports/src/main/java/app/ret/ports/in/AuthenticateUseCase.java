package app.ret.ports.in;

import java.util.Optional;

public interface AuthenticateUseCase {
    /** The principal of a valid, unexpired access token of an active session; empty otherwise. */
    Optional<Principal> authenticate(String accessToken);
}
