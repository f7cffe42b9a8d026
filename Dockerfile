# RET as a container: docker build -t ret . && docker run -p 8000:8000 -v ret-data:/var/lib/ret ret
# Stage 1 builds the jar with Maven (tests run in CI, not here); stage 2 is a JRE running it as a non-root user.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package && cp bootstrap/target/ret.jar /ret.jar

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system ret && useradd --system --gid ret --home-dir /var/lib/ret --shell /usr/sbin/nologin ret \
    && mkdir -p /var/lib/ret && chown ret:ret /var/lib/ret
COPY --from=build /ret.jar /opt/ret/ret.jar
# The runtime root (database, session workspaces, conversion cache, generated jwt.key) is the volume.
VOLUME /var/lib/ret
WORKDIR /var/lib/ret
ENV API_HOST=0.0.0.0 \
    API_PORT=8000 \
    RET_RUNTIME_ROOT=/var/lib/ret
USER ret
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8000/readyz >/dev/null || exit 1
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/ret/ret.jar"]
CMD ["serve"]
