package app.ret.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlatJsonObjectTest {

    private static FlatJsonObject parse(String json) {
        return FlatJsonObject.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stringsThatNeedEscapingRoundTrip() {
        String awkward = "quote \" backslash \\ slash / newline \n tab \t nul \u0000 bell \u0007 unit \u001f é 😀";
        byte[] json = FlatJsonObject.builder().put("s", awkward).put("n", Long.MIN_VALUE).put("m", Long.MAX_VALUE).toBytes();

        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("\n", "\t", "\u0000");
        FlatJsonObject read = FlatJsonObject.parse(json);
        assertThat(read.string("s")).contains(awkward);
        assertThat(read.integer("n")).contains(Long.MIN_VALUE);
        assertThat(read.integer("m")).contains(Long.MAX_VALUE);
    }

    @Test
    void everyJsonEscapeIsRead() {
        FlatJsonObject read = parse("{ \"a\" : \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u0041\" , \"b\" : -7 }");
        assertThat(read.string("a")).contains("\"\\/\b\f\n\r\té" + "A");
        assertThat(read.integer("b")).contains(-7L);
    }

    @Test
    void membersAreTypedAndMissingOnesAreEmpty() {
        FlatJsonObject read = parse("{\"s\":\"12\",\"n\":12}");
        assertThat(read.integer("s")).isEmpty();
        assertThat(read.string("n")).isEmpty();
        assertThat(read.string("absent")).isEmpty();
        assertThat(parse("{}").string("s")).isEmpty();
    }

    @Test
    void aDuplicateMemberIsRefused() {
        assertThatThrownBy(() -> parse("{\"sub\":\"alice\",\"sub\":\"admin\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate member sub");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} {}", "{\"a\":1}x", "{\"a\":1},", "{\"a\":1}}"})
    void trailingContentIsRefused(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessage("trailing content");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"exp\":1.5}", "{\"exp\":1e3}", "{\"exp\":-0.5}", "{\"exp\":true}", "{\"exp\":null}",
            "{\"exp\":[1]}", "{\"exp\":{}}", "{\"exp\":-}", "{\"exp\":+1}", "{\"exp\":99999999999999999999}"})
    void anythingButAStringOrAnIntegerIsRefused(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\"}", "{\"a\":\"x}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u00\"}", "{\"a\":\"\\u+041\"}",
            "{\"a\":\"\\u00zz\"}", "{\"a\":\"raw\nline\"}", "[1]", "{a:1}"})
    void malformedObjectsAreRefused(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class);
    }
}
