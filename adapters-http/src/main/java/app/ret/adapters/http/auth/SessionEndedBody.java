package app.ret.adapters.http.auth;

import app.ret.domain.cleanup.RemovedResource;
import app.ret.ports.in.SessionEnded;
import java.util.LinkedHashMap;
import java.util.Map;

/** The body of logout and of an admin's forced end: what the session ending removed. */
record SessionEndedBody(String sessionId, Map<String, Long> removed, int refreshTokensRevoked) {
    static SessionEndedBody from(SessionEnded ended) {
        Map<String, Long> removed = new LinkedHashMap<>();
        for (RemovedResource resource : RemovedResource.values()) {
            removed.put(resource.wireName(), ended.removed().count(resource));
        }
        return new SessionEndedBody(ended.sessionId().value(), removed, ended.refreshTokensRevoked());
    }
}
