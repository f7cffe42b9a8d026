package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.comparison.ExternalSortComparer;
import app.ret.adapters.files.conversion.DiskConversionCache;
import app.ret.adapters.files.workspace.DiskSessionFiles;
import app.ret.adapters.files.workspace.DiskWorkspace;
import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.adapters.files.workbook.FastexcelWorkbookWriter;
import app.ret.adapters.security.Hs256AccessTokenCodec;
import app.ret.adapters.security.Pbkdf2PasswordHasher;
import app.ret.adapters.memory.InMemoryCacheTier;
import app.ret.adapters.memory.InMemoryJobStore;
import app.ret.adapters.memory.InMemoryRateLimitStore;
import app.ret.adapters.memory.InMemoryRefreshTokenStore;
import app.ret.adapters.memory.InMemorySessionStore;
import app.ret.adapters.memory.InMemoryUserStore;
import app.ret.application.auth.AuthSettings;
import app.ret.application.cache.CacheDependencies;
import app.ret.application.CoreDependencies;
import app.ret.application.files.FilesDependencies;
import app.ret.application.jobs.JobSettings;
import app.ret.application.ratelimit.RateLimitSettings;
import app.ret.application.RetCore;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.FileLimits;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.SessionTimeouts;
import app.ret.domain.user.Role;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.in.SessionEnded;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "embed the core without HTTP" example, kept true by running it. */
class EmbeddingExampleTest {
    @TempDir
    Path runtimeRoot;

    @Test
    void theCoreRunsOnInMemoryStoresAndADiskWorkspaceWithoutAServer() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] signingKey = new byte[32];
        random.nextBytes(signingKey);
        DiskWorkspace workspace = new DiskWorkspace(runtimeRoot);
        RetCore core = RetCore.create(new CoreDependencies(
                Clock.systemUTC(),
                random,
                new AuthSettings(Duration.ofMinutes(30), Duration.ofDays(7),
                        new SessionTimeouts(Duration.ofMinutes(60), Duration.ofHours(12)), 100_000),
                new InMemoryUserStore(),
                new InMemorySessionStore(),
                new InMemoryRefreshTokenStore(),
                new Hs256AccessTokenCodec(signingKey),
                new Pbkdf2PasswordHasher(random),
                workspace,
                List.of(),
                new RateLimitSettings(new RateLimit(100, Duration.ofSeconds(60)), new RateLimit(5, Duration.ofSeconds(300)),
                        2, 2),
                new InMemoryRateLimitStore(),
                new InMemoryRateLimitStore(),
                new CacheDependencies(
                        new InMemoryCacheTier(1_000, 64L << 20),        // the memory tier
                        new InMemoryCacheTier(100_000, 1L << 30),       // standing in for the durable tier
                        Duration.ofHours(1)),
                new InMemoryJobStore(),
                JobSettings.of(2, 3, Duration.ofHours(1), false),
                Executors.defaultThreadFactory(),
                Duration.ofSeconds(30),
                new FilesDependencies(new DiskSessionFiles(workspace), new FileLimits(512L << 20, 2048L << 20,
                        new ArchiveLimits(10_000, 1024L << 20, 200, ArchiveLimits.DEFAULT_MAX_DEPTH)),
                        new StaxCsvConverter(), new DiskConversionCache(runtimeRoot), new FastexcelWorkbookWriter(runtimeRoot),
                        new ExternalSortComparer(runtimeRoot))));

        core.userAdministration().addUser("alice", Role.USER, "correct horse".toCharArray());
        LoginResult result = core.login().login(new LoginCommand("alice", "correct horse".toCharArray(), "192.0.2.1"));

        assertThat(result).isInstanceOf(LoginResult.LoggedIn.class);
        var grant = ((LoginResult.LoggedIn) result).grant();
        assertThat(core.authenticate().authenticate(grant.accessToken())).isPresent();
        UploadOutcome uploaded = core.files().upload(grant.session().id(), "books.xml",
                new ByteArrayInputStream("<library><book/></library>".getBytes(StandardCharsets.UTF_8)));
        assertThat(uploaded).isInstanceOf(UploadOutcome.Stored.class);
        SessionEnded ended = core.endSession().end(grant.session().id(), EndReason.LOGOUT).orElseThrow();
        assertThat(ended.refreshTokensRevoked()).isEqualTo(1);
        assertThat(ended.removed().count(RemovedResource.FILES)).isEqualTo(1);
        assertThat(core.authenticate().authenticate(grant.accessToken())).isEmpty();
    }
}
