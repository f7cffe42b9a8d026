package app.ret.adapters.http.auth;

import app.ret.domain.cleanup.RemovedResource;
import app.ret.ports.in.SessionEnded;
import java.util.LinkedHashMap;
import java.util.Map;

/** The body of logout and of an admin's forced end: what the session ending removed. */
record SessionEndedBody(String sessionId, Map<String, Long> removed, int refreshTokensRevoked) {
    private static final String INDEX_DOCUMENTS = "index_documents";

    static SessionEndedBody from(SessionEnded ended) {
        Map<String, Long> removed = new LinkedHashMap<>();
        for (RemovedResource resource : RemovedResource.values()) {
            removed.put(resource.wireName(), ended.removed().count(resource));
        }
        // Contract v1 named the index's counter before the index existed; clients reading it keep working.
        removed.put(INDEX_DOCUMENTS, ended.removed().count(RemovedResource.INDEX_ROWS));
        return new SessionEndedBody(ended.sessionId().value(), removed, ended.refreshTokensRevoked());
    }
}
