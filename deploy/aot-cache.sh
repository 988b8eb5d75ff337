#!/usr/bin/env bash
# Turns a service's executable jar into a fast-starting layout with a JDK 25 AOT cache
# (JEP 483/514/515: classes loaded and linked ahead of time, plus method profiles):
#   deploy/aot-cache.sh [--if-changed] <service.jar> <destination-dir>
# leaves <destination-dir>/<service>.jar (the extracted launcher jar), lib/ and app.aot;
# run it with:  java -XX:AOTCache=<destination-dir>/app.aot -jar <destination-dir>/<service>.jar
# With --if-changed it keeps a layout made from the same jar (by content: the build gives
# jars a fixed timestamp) under the same JAVA_TOOL_OPTIONS, and makes it anew otherwise.
#
# The training run starts the application context and exits once it is refreshed
# (-Dspring.context.exit=onRefresh), before any port is bound. It runs on the embedded
# defaults (H2 in a throwaway directory), so it needs no database: the cache then also
# serves a service pointed at PostgreSQL; classes it lacks are simply loaded as usual.
# JVM flags come from JAVA_TOOL_OPTIONS, as in the real run; the cache is only used by the
# same JDK with the same class path (otherwise the JVM warns and starts without it).
set -euo pipefail

if_changed=0
if [[ ${1:-} == --if-changed ]]; then
    if_changed=1
    shift
fi
if [[ $# -ne 2 ]]; then
    echo "usage: $0 [--if-changed] <service.jar> <destination-dir>" >&2
    exit 2
fi
jar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
destination=$2
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

# what the layout is made from: the jar's content, the JVM and its flags
made_from="$(sha256sum <"$jar" | cut -d' ' -f1) $("$java" -version 2>&1 | tail -n 1) ${JAVA_TOOL_OPTIONS:-}"
if ((if_changed)) && [[ -s $destination/app.aot && -f $destination/made-from && $(<"$destination/made-from") == "$made_from" ]]; then
    echo "$destination/app.aot is up to date"
    exit 0
fi

rm -rf "$destination"
mkdir -p "$destination"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$destination" >/dev/null
destination=$(cd "$destination" && pwd)
launcher=$destination/$(basename "$jar")

training=$(mktemp -d)
trap 'rm -rf "$training"' EXIT
# No SPRING_DATASOURCE_* (embedded H2 under the throwaway directory), no fixed ports
(
    cd "$training"
    unset SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME SPRING_DATASOURCE_PASSWORD
    export SWITCHBOARD_FILESHARE_DATA_DIR=$training/files SWITCHBOARD_FILESHARE_PUBLIC_DIR=$training
    "$java" -XX:AOTCacheOutput="$destination/app.aot" -Dspring.context.exit=onRefresh \
        -jar "$launcher" --server.port=0 >"$training/training.log" 2>&1 \
        || { tail -n 40 "$training/training.log" >&2; exit 1; }
)
[[ -s $destination/app.aot ]] || { echo "no AOT cache written for $jar" >&2; exit 1; }
printf '%s\n' "$made_from" >"$destination/made-from"
echo "$destination/app.aot ($(($(stat -c %s "$destination/app.aot") / 1048576)) MiB)"
