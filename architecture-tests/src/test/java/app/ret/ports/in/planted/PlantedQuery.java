package app.ret.ports.in.planted;

/** Planted violation: an inbound port not named *UseCase. */
public interface PlantedQuery {
    int answer();
}
