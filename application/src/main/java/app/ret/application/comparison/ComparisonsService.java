package app.ret.application.comparison;

import app.ret.application.jobs.JobsService;
import app.ret.domain.comparison.ComparisonTarget;
import app.ret.domain.files.StoredFile;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.ComparisonsUseCase;
import app.ret.ports.out.SessionFiles;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks that both sides are CSV outputs of the caller's session and the key is sound, then queues the job. */
public final class ComparisonsService implements ComparisonsUseCase {
    private final SessionFiles files;
    private final JobsService jobs;

    public ComparisonsService(SessionFiles files, JobsService jobs) {
        this.files = files;
        this.jobs = jobs;
    }

    @Override
    public Submission submit(SessionId owner, ComparisonRequest request) {
        if (request.key().size() > MAX_KEY_COLUMNS) {
            return new Submission.Rejected("key names at most " + MAX_KEY_COLUMNS + " columns.");
        }
        Set<String> seen = new HashSet<>();
        for (String column : request.key()) {
            if (column == null || column.isEmpty() || !seen.add(column)) {
                return new Submission.Rejected("key lists distinct, non-empty column names.");
            }
        }
        List<WorkspacePath> outputs = files.list(owner).stream().map(StoredFile::path).toList();
        Optional<WorkspacePath> left = comparable(request.left(), outputs);
        if (left.isEmpty()) {
            return new Submission.NotFound("left");
        }
        Optional<WorkspacePath> right = comparable(request.right(), outputs);
        if (right.isEmpty()) {
            return new Submission.NotFound("right");
        }
        return new Submission.Accepted(jobs.submit(owner, ComparisonJobHandler.TYPE,
                ComparisonJobHandler.parameters(left.get(), right.get(), request.key())));
    }

    private static Optional<WorkspacePath> comparable(String raw, List<WorkspacePath> existing) {
        return WorkspacePath.parse(raw).filter(ComparisonTarget::comparable).filter(existing::contains);
    }
}
