package app.ret.adapters.http.pipeline;

import java.util.List;

/** A group of routes (one handler class); the server is assembled from a list of these. */
public interface RouteProvider {
    List<Route> routes();
}
