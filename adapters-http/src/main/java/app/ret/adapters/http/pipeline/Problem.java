package app.ret.adapters.http.pipeline;

/** An RFC 9457 problem: HTTP status, stable machine code, human title and detail. */
public record Problem(int status, String code, String title, String detail) {
    public static final String TYPE_BASE = "https://ret.app/problems/";

    public static Problem notFound() {
        return new Problem(404, "not_found", "Not found", "No such resource.");
    }

    public static Problem unauthorized() {
        return unauthorized("Missing, invalid or expired credentials.");
    }

    public static Problem unauthorized(String detail) {
        return new Problem(401, "unauthorized", "Unauthorized", detail);
    }

    public static Problem forbidden() {
        return new Problem(403, "forbidden", "Forbidden", "This route needs a role you do not have.");
    }

    public static Problem validation(String detail) {
        return new Problem(400, "validation_failed", "Validation failed", detail);
    }

    /** 413: the write would take the session or its user over a quota; {@code detail} says which. */
    public static Problem quotaExceeded(String detail) {
        return new Problem(413, "quota_exceeded", "Quota exceeded", detail);
    }

    public static Problem payloadTooLarge(long limitBytes) {
        return new Problem(413, "payload_too_large", "Payload too large", "The request body exceeds " + limitBytes + " bytes.");
    }

    public static Problem unsupportedMediaType(String detail) {
        return new Problem(415, "unsupported_media_type", "Unsupported media type", detail);
    }

    public static Problem methodNotAllowed() {
        return new Problem(405, "method_not_allowed", "Method not allowed", "This route does not support this method; see the Allow header.");
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "conflict", "Conflict", detail);
    }

    public static Problem rateLimited(long retryAfterSeconds) {
        return new Problem(429, "rate_limited", "Too many requests", "Too many requests; retry after " + retryAfterSeconds + " seconds.");
    }

    public static Problem internal() {
        return new Problem(500, "internal", "Internal error", "The server failed to handle this request; quote the request id when reporting it.");
    }

    /** RFC 4918's 507: the write failed for want of disk space, kept nothing, and succeeds once space is freed. */
    public static Problem insufficientStorage() {
        return new Problem(507, "insufficient_storage", "Insufficient storage",
                "The server's disk is full; nothing of this request was kept. Try again once space is freed.");
    }

    public static Problem unavailable(String detail) {
        return new Problem(503, "unavailable", "Service unavailable", detail);
    }

    public String type() {
        return TYPE_BASE + code;
    }
}
