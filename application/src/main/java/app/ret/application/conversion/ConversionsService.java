package app.ret.application.conversion;

import app.ret.application.jobs.JobsService;
import app.ret.domain.conversion.ConversionInputs;
import app.ret.domain.conversion.ConversionInputs.Selection;
import app.ret.domain.files.StoredFile;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.ConversionsUseCase;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import app.ret.ports.out.SessionFiles;
import java.util.List;

/** Resolves which inputs a request means — now, so the job converts exactly those — and queues the job. */
public final class ConversionsService implements ConversionsUseCase {
    private final SessionFiles files;
    private final JobsService jobs;

    public ConversionsService(SessionFiles files, JobsService jobs) {
        this.files = files;
        this.jobs = jobs;
    }

    @Override
    public SubmitResult submit(SessionId owner, ConversionRequest request) {
        List<WorkspacePath> available = files.list(owner).stream().map(StoredFile::path).toList();
        Selection selection = ConversionInputs.select(available, request.paths(), request.groups());
        if (selection instanceof Selection.Invalid invalid) {
            return new SubmitResult.Rejected(invalid.reason());
        }
        List<WorkspacePath> inputs = ((Selection.Selected) selection).inputs();
        return new SubmitResult.Accepted(jobs.submit(owner, ConversionJobHandler.TYPE, ConversionJobHandler.parameters(inputs, request.options(), request.formats())));
    }
}
