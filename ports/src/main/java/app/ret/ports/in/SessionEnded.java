package app.ret.ports.in;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.session.SessionId;

public record SessionEnded(SessionId sessionId, CleanupReport removed, int refreshTokensRevoked) {}
