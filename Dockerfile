# hublink: one image for every role (worker, publisher, and the simulator for local tries).
# Build: docker build -t hublink:local .      Run: docker run --rm hublink:local --help

# --- build stage: the same Maven build as ./hublink, without tests (CI runs them) ---------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY schemas/pom.xml schemas/
COPY testkit/pom.xml testkit/
COPY pipeline/pom.xml pipeline/
COPY ops/pom.xml ops/
COPY linker-worker/pom.xml linker-worker/
COPY status-publisher/pom.xml status-publisher/
COPY app/pom.xml app/
COPY benchmarks/pom.xml benchmarks/
COPY schemas/src schemas/src
COPY testkit/src testkit/src
COPY pipeline/src pipeline/src
COPY ops/src ops/src
COPY linker-worker/src linker-worker/src
COPY status-publisher/src status-publisher/src
COPY app/src app/src
COPY benchmarks/src benchmarks/src
COPY samples samples
# The Maven cache survives between builds (BuildKit); nothing of it ends up in the image.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -Dstyle.color=never -DskipTests -Dmaven.test.skip=true package -pl app -am

# --- runtime stage: a JRE and the one jar -------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --no-create-home hublink \
    && mkdir -p /keys /config \
    && chown hublink /keys /config
COPY --from=build /src/app/target/hublink.jar /opt/hublink/hublink.jar
COPY samples /opt/hublink/samples
COPY deploy/hublink.sh /usr/local/bin/hublink
USER hublink
# The ops port (/metrics, /health/live, /health/ready; the publisher's ops page at /) as docker-compose.yml uses it.
EXPOSE 9400
ENTRYPOINT ["hublink"]
CMD ["--help"]
