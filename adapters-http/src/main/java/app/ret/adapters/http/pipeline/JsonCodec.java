package app.ret.adapters.http.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;

/**
 * JSON in snake_case both ways; parse failures become a 400 that does not echo the input (bytes
 * that are no valid UTF-32 too: Jackson reports those as a {@link CharConversionException}, not as
 * a parse error), except
 * for the name of a field the request shape does not have (strict bodies: a misspelt option must
 * not silently fall back to its default).
 */
public final class JsonCodec {
    /**
     * Strict types too: {@code "password": 123} is not the string "123", {@code "ttl": "5"} not the
     * number 5, {@code "bom": "true"} not true — Jackson's default coercions would take all three.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, strings -> strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private JsonCodec() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable: " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(InputStream body, Class<T> type) throws IOException {
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new ProblemException(Problem.validation("The request body must be a JSON object."));
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ProblemException(Problem.validation("Unknown field \"" + fieldPath(e) + "\"; see the OpenAPI document for the fields this request takes."));
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new ProblemException(Problem.validation("The request body is not valid JSON of the expected shape."));
            }
            throw new ProblemException(Problem.validation("Field \"" + fieldPath(e) + "\" has the wrong type; see the OpenAPI document for the"
                    + " type this request takes."));
        } catch (JsonProcessingException | CharConversionException e) {
            throw new ProblemException(Problem.validation("The request body is not valid JSON of the expected shape."));
        }
    }

    /** {@code options.formula_gaurd}, {@code paths[2].x}: where the unknown field sits, in the request's own names. */
    private static String fieldPath(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.isEmpty() && e instanceof UnrecognizedPropertyException unknown ? String.valueOf(unknown.getPropertyName()) : path.toString();
    }

    public static JsonNode readTree(InputStream body) throws IOException {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ProblemException(Problem.validation("The request body must be JSON."));
            }
            return node;
        } catch (JsonProcessingException | CharConversionException e) {
            throw new ProblemException(Problem.validation("The request body is not valid JSON."));
        }
    }
}
