# syntax=docker/dockerfile:1
# One image per service, built from this repository: docker compose passes SERVICE.
#   docker build --build-arg SERVICE=random-service -t switchboard/random-service .

FROM eclipse-temurin:25-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
# The Maven cache survives between builds; tests run in CI, not in the image build
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl "${SERVICE}" -am package -DskipTests -Dspring-javaformat.skip=true -Djacoco.skip=true \
    && cp "${SERVICE}/target/${SERVICE}.jar" /app.jar

FROM eclipse-temurin:25-jre
ARG SERVICE
# The JVM flags the container runs with, so that the AOT cache is trained under the same
# ones: docker-compose.yml passes its x-java-options (none for a plain docker build and run)
ARG JAVA_TOOL_OPTIONS=""
RUN groupadd --system switchboard && useradd --system --gid switchboard --home-dir /app switchboard \
    && mkdir -p /app/data && chown -R switchboard:switchboard /app
WORKDIR /app
COPY --from=build /app.jar /tmp/app.jar
COPY deploy/aot-cache.sh deploy/ready.sh /usr/local/bin/
# Extracted layout plus a JDK AOT cache trained on this very JRE: start-up in about a third of the
# time. The cache records the class path, so the jar keeps the name it was trained under.
RUN aot-cache.sh /tmp/app.jar /app/service && rm /tmp/app.jar && chown -R switchboard:switchboard /app/service
USER switchboard
ENV SERVICE=${SERVICE}
# JVM flags come from JAVA_TOOL_OPTIONS (docker-compose.yml), so the local run and the end-to-end test use the same ones
ENTRYPOINT ["java", "-XX:AOTCache=/app/service/app.aot", "-jar", "/app/service/app.jar"]
