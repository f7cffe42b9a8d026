package app.ret.adapters.memory;

import app.ret.ports.out.SearchIndex;
import app.ret.ports.out.SearchIndexContract;

class InMemorySearchIndexTest extends SearchIndexContract {
    private final InMemorySearchIndex index = new InMemorySearchIndex();

    @Override
    protected SearchIndex index() {
        return index;
    }
}
