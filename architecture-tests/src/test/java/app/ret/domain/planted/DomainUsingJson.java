package app.ret.domain.planted;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Planted violation: Jackson outside the HTTP adapter. */
public final class DomainUsingJson {
    public String render(Object value) throws com.fasterxml.jackson.core.JsonProcessingException {
        return new ObjectMapper().writeValueAsString(value);
    }
}
