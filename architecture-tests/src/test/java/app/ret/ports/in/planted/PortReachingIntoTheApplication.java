package app.ret.ports.in.planted;

import app.ret.application.RetCore;

/** Planted violation: a port that knows the application implementing it. */
public interface PortReachingIntoTheApplication {
    RetCore core();
}
