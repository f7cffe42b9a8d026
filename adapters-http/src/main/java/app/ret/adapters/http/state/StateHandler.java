package app.ret.adapters.http.state;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.JsonCodec;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Rfc3339;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.cache.StateKey;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.SessionStateUseCase;
import app.ret.ports.in.SessionStateUseCase.DeleteResult;
import app.ret.ports.in.SessionStateUseCase.Found;
import app.ret.ports.in.SessionStateUseCase.GetResult;
import app.ret.ports.in.SessionStateUseCase.Invalid;
import app.ret.ports.in.SessionStateUseCase.PutCommand;
import app.ret.ports.in.SessionStateUseCase.PutResult;
import app.ret.ports.in.SessionStateUseCase.QuotaExceeded;
import app.ret.ports.in.SessionStateUseCase.SessionOver;
import app.ret.ports.in.SessionStateUseCase.StateEntry;
import app.ret.ports.in.SessionStateUseCase.Stored;
import app.ret.ports.in.SessionStateUseCase.TooLarge;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /api/session/state}: the caller's session state. Values are stored exactly as sent (after
 * checking they are one well-formed UTF-8 JSON value) and returned byte for byte, so every JSON
 * type survives the round trip ({@code "123"} stays a string).
 */
public final class StateHandler implements RouteProvider {
    private static final Pattern WHOLE_SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final JsonFactory JSON_SYNTAX = JsonCodec.mapper().getFactory();

    private final SessionStateUseCase state;

    public StateHandler(SessionStateUseCase state) {
        this.state = state;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/session/state", Access.AUTHENTICATED, this::list),
                Route.of("PUT", "/api/session/state/{key}", Access.AUTHENTICATED, this::put),
                Route.of("GET", "/api/session/state/{key}", Access.AUTHENTICATED, this::get),
                Route.of("DELETE", "/api/session/state/{key}", Access.AUTHENTICATED, this::delete));
    }

    record EntryBody(String key, long size, String expiresAt) {}

    record EntriesBody(List<EntryBody> entries) {}

    private void put(ApiExchange exchange) throws IOException {
        SessionId session = exchange.principal().sessionId();
        String key = exchange.pathParameter("key");
        if (!StateKey.isValid(key)) {
            // Refused before the body is read: a bad key should not cost a mebibyte of input.
            throw new ProblemException(Problem.validation(StateKey.RULE));
        }
        Optional<Duration> ttl = ttl(exchange);
        exchange.requireJsonContentType();
        byte[] json;
        try (InputStream body = exchange.body(SessionStateUseCase.MAX_VALUE_BYTES)) {
            json = body.readAllBytes();
        }
        requireOneJsonValue(json);
        PutResult result = state.put(new PutCommand(session, key, json, ttl));
        if (result instanceof Stored) {
            exchange.respondEmpty(204);
        } else if (result instanceof Invalid invalid) {
            throw new ProblemException(Problem.validation(invalid.reason()));
        } else if (result instanceof TooLarge tooLarge) {
            throw new ProblemException(Problem.payloadTooLarge(tooLarge.maxBytes()));
        } else if (result instanceof QuotaExceeded exceeded) {
            throw new ProblemException(Problem.quotaExceeded(exceeded.detail()));
        } else if (result instanceof SessionOver) {
            throw new ProblemException(Problem.unauthorized());
        } else {
            throw new IllegalStateException("unexpected result " + result);
        }
    }

    private void get(ApiExchange exchange) throws IOException {
        GetResult result = state.get(exchange.principal().sessionId(), exchange.pathParameter("key"));
        if (result instanceof Found found) {
            exchange.respondBytes(200, ApiExchange.JSON, found.entry().value());
        } else {
            throw new ProblemException(problemFor(result));
        }
    }

    private void delete(ApiExchange exchange) throws IOException {
        DeleteResult result = state.delete(exchange.principal().sessionId(), exchange.pathParameter("key"));
        if (result instanceof SessionStateUseCase.Deleted) {
            exchange.respondEmpty(204);
        } else {
            throw new ProblemException(problemFor(result));
        }
    }

    private void list(ApiExchange exchange) throws IOException {
        List<EntryBody> entries = state.list(exchange.principal().sessionId()).stream()
                .map(StateHandler::toBody)
                .toList();
        exchange.respondJson(200, new EntriesBody(entries));
    }

    private static EntryBody toBody(StateEntry entry) {
        return new EntryBody(entry.key(), entry.size(), entry.expiresAt().map(Rfc3339::format).orElse(null));
    }

    /** Not found or invalid: the outcomes GET and DELETE share. */
    private static Problem problemFor(Object result) {
        if (result instanceof Invalid invalid) {
            return Problem.validation(invalid.reason());
        }
        return Problem.notFound();
    }

    private static Optional<Duration> ttl(ApiExchange exchange) {
        Optional<String> raw = exchange.queryParameter("ttl");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (!WHOLE_SECONDS.matcher(raw.get()).matches() || Long.parseLong(raw.get()) == 0) {
            throw new ProblemException(Problem.validation("ttl must be a positive whole number of seconds."));
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(raw.get())));
    }

    /** Strict UTF-8, then exactly one JSON value and nothing after it. */
    private static void requireOneJsonValue(byte[] json) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(Problem.validation("The value must be UTF-8 encoded JSON."));
        }
        try (JsonParser parser = JSON_SYNTAX.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new ProblemException(Problem.validation("The value must be one JSON value; the body is empty."));
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new ProblemException(Problem.validation("The value must be exactly one JSON value."));
            }
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.validation("The value is not valid JSON."));
        }
    }
}
