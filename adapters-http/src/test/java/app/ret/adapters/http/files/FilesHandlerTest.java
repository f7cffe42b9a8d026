package app.ret.adapters.http.files;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.http.pipeline.Problem;
import app.ret.domain.files.StoredFile;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.UploadRefusal;
import app.ret.domain.files.WorkspacePath;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FilesHandlerTest {

    @Test
    void attachmentsCarryAnAsciiNameAndTheExactOne() {
        assertThat(FilesHandler.attachment("books.xml")).isEqualTo("attachment; filename=\"books.xml\"; filename*=UTF-8''books.xml");
        assertThat(FilesHandler.attachment("Käse (1).csv"))
                .isEqualTo("attachment; filename=\"K_se (1).csv\"; filename*=UTF-8''K%C3%A4se%20%281%29.csv");
    }

    @Test
    void ifNoneMatchComparesTagsWeakly() {
        String etag = "\"abc\"";
        assertThat(FilesHandler.matches("\"abc\"", etag)).isTrue();
        assertThat(FilesHandler.matches("W/\"abc\"", etag)).isTrue();
        assertThat(FilesHandler.matches("\"x\", \"abc\"", etag)).isTrue();
        assertThat(FilesHandler.matches("*", etag)).isTrue();
        assertThat(FilesHandler.matches("\"abd\"", etag)).isFalse();
        assertThat(FilesHandler.matches("abc", etag)).isFalse();
    }

    @Test
    void inputsAreXmlAndOutputsTypedByExtension() {
        assertThat(FilesHandler.contentType(file("input/a"))).isEqualTo("application/xml");
        assertThat(FilesHandler.contentType(file("output/a.csv"))).isEqualTo("text/csv; charset=utf-8");
        assertThat(FilesHandler.contentType(file("output/a.bin"))).isEqualTo("application/octet-stream");
    }

    @Test
    void everyRefusalHasItsStatusAndCode() {
        assertThat(problem(UploadRefusal.UNUSABLE_NAME)).isEqualTo("400 validation_failed");
        assertThat(problem(UploadRefusal.TOO_LARGE)).isEqualTo("413 payload_too_large");
        assertThat(problem(UploadRefusal.UNSUPPORTED_CONTENT)).isEqualTo("415 unsupported_media_type");
        assertThat(problem(UploadRefusal.UNSAFE_ARCHIVE)).isEqualTo("422 unsafe_archive");
        assertThat(problem(UploadRefusal.QUOTA_EXCEEDED)).isEqualTo("413 quota_exceeded");
        assertThat(problem(UploadRefusal.CONFLICT)).isEqualTo("409 conflict");
        assertThat(problem(UploadRefusal.NO_WORKSPACE)).isEqualTo("404 not_found");
    }

    private static String problem(UploadRefusal refusal) {
        Problem problem = FilesHandler.problemFor(new UploadOutcome.Refused(refusal, "why"));
        assertThat(problem.detail()).isEqualTo("why");
        return problem.status() + " " + problem.code();
    }

    private static StoredFile file(String path) {
        return new StoredFile(WorkspacePath.parse(path).orElseThrow(), 1, "0".repeat(64), Instant.EPOCH);
    }
}
