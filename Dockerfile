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
RUN groupadd --system switchboard && useradd --system --gid switchboard --home-dir /app switchboard \
    && mkdir -p /app/data && chown -R switchboard:switchboard /app
WORKDIR /app
COPY --from=build --chown=switchboard:switchboard /app.jar /app/app.jar
USER switchboard
ENV SERVICE=${SERVICE}
# JVM flags come from JAVA_TOOL_OPTIONS (docker-compose.yml), so the local run and the end-to-end test use the same ones
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
