package app.ret.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {
    @Test
    void theOperatorsFormBecomesAJdbcUrlWithTheCredentialsApart() {
        PostgresUrl url = PostgresUrl.parse("postgresql://ret:s3cr%40t@db.example.com:6543/ret_prod?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/ret_prod?sslmode=require");
        assertThat(url.user()).contains("ret");
        assertThat(url.password()).contains("s3cr@t");
        assertThat(url.masked()).isEqualTo("postgresql://ret:***@db.example.com:6543/ret_prod?sslmode=require");
        assertThat(url.toString()).doesNotContain("s3cr");
    }

    @Test
    void thePortDefaultsTo5432AndCredentialsAreOptional() {
        PostgresUrl url = PostgresUrl.parse("postgres://localhost/ret");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/ret");
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).isEmpty();
        assertThat(PostgresUrl.parse("postgresql://ret@[::1]:5433/ret").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/ret");
    }

    @Test
    void aJdbcUrlPassesThroughWithItsPasswordMasked() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://h:5432/ret?user=ret&password=hunter2&sslmode=verify-full");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/ret?user=ret&password=hunter2&sslmode=verify-full");
        assertThat(url.user()).isEqualTo(Optional.empty());
        assertThat(url.masked()).isEqualTo("jdbc:postgresql://h:5432/ret?user=ret&password=***&sslmode=verify-full");
    }

    @Test
    void malformedUrlsAreRefusedWithoutEchoingThePassword() {
        for (String bad : new String[] {"", "mysql://u:hunter2@h/db", "postgresql://u:hunter2@h", "postgresql://u:hunter2@h/a/b",
                "postgresql:///db", "postgresql://u:hunter2@h:port/db"}) {
            assertThatThrownBy(() -> PostgresUrl.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .message().doesNotContain("hunter2");
        }
    }
}
