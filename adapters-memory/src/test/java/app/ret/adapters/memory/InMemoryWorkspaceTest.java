package app.ret.adapters.memory;

import app.ret.ports.out.Workspace;
import app.ret.ports.out.WorkspaceContract;

class InMemoryWorkspaceTest extends WorkspaceContract {
    private final InMemoryWorkspace workspace = new InMemoryWorkspace();

    @Override
    protected Workspace workspace() {
        return workspace;
    }
}
