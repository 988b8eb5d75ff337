#!/usr/bin/env bash
# Builds and starts the whole Switchboard suite on this machine: every service as its own JVM,
# storage in H2 files under ./data, logs under ./logs. Waits until each one reports ready,
# prints the URLs, and stops them all on Ctrl-C.
#   ./run-local.sh              build, then start
#   ./run-local.sh --no-build   start what was built last
#   ./run-local.sh --aot        also train a JDK AOT cache per service when its jar changed
#                               (about 30 s each, once), then start in about a third of the time
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
build=1 aot=0
for argument in "$@"; do
    case $argument in
        --no-build) build=0 ;;
        --aot) aot=1 ;;
        *) echo "usage: $0 [--no-build] [--aot]" >&2; exit 2 ;;
    esac
done

# A JDK 25: JAVA_HOME if it is one, else Temurin 25 where Debian/Adoptium install it
is_jdk25() { [[ -x $1/bin/java ]] && "$1/bin/java" -version 2>&1 | grep -q 'version "25'; }
if [[ -z ${JAVA_HOME:-} ]] || ! is_jdk25 "$JAVA_HOME"; then
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /opt/java/openjdk; do
        if is_jdk25 "$candidate"; then export JAVA_HOME=$candidate; break; fi
    done
fi
if [[ -z ${JAVA_HOME:-} ]] || ! is_jdk25 "$JAVA_HOME"; then
    echo "Switchboard needs JDK 25: set JAVA_HOME to it (e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64)" >&2
    exit 1
fi

# name:port, started in this order; the gateway last
services=(random-service:8082 contacts-service:8081 messaging-service:8083 fileshare-service:8084 gateway:8080)
# the raw TCP ports, and the gateway's management (actuator) port
other_ports=(3000 3001 3002 3007 8090)

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for entry in "${services[@]}"; do
    port=${entry#*:}
    if port_in_use "$port"; then
        echo "Port $port (${entry%%:*}) is already in use: stop what runs there (ss -ltnp 'sport = :$port')." >&2
        exit 1
    fi
done
for port in "${other_ports[@]}"; do
    if port_in_use "$port"; then
        echo "TCP port $port is already in use: stop what runs there (ss -ltnp 'sport = :$port')." >&2
        exit 1
    fi
done

if ((build)); then
    # the services, and the terminal chat client (java -jar chat-client/target/chat-client.jar)
    modules=$(IFS=,; echo "${services[*]%%:*}" | tr ' ' ','),chat-client
    echo "Building $modules ..."
    ./mvnw -B -q -DskipTests -Djacoco.skip=true package -pl "$modules" -am
fi

# java_options SERVICE: the JVM flags docker-compose.yml gives a service: its own
# x-SERVICE-java-options when it has some (the gateway, messaging-service), else x-java-options
java_options() {
    local own
    own=$(sed -n "s/^x-$1-java-options: &$1-java-options \"\(.*\)\"\$/\1/p" docker-compose.yml)
    if [[ -n $own ]]; then
        echo "$own"
    else
        sed -n 's/^x-java-options: &java-options "\(.*\)"$/\1/p' docker-compose.yml
    fi
}

# How each service starts: its jar, or its extracted layout with an AOT cache (deploy/aot-cache.sh)
launch_command() {
    local name=$1 cache=$1/target/aot
    if ((aot)); then
        echo "AOT cache of $name (trained again when its jar changed) ..." >&2
        JAVA_TOOL_OPTIONS=$(java_options "$name") deploy/aot-cache.sh --if-changed "$name/target/$name.jar" "$cache" >"logs/$name-aot.log" 2>&1 \
            || { echo "AOT training of $name failed; see logs/$name-aot.log" >&2; exit 1; }
        echo "$JAVA_HOME/bin/java -XX:AOTCache=$cache/app.aot -jar $cache/$name.jar"
    else
        echo "$JAVA_HOME/bin/java -jar $name/target/$name.jar"
    fi
}
export SWITCHBOARD_FILESHARE_DATA_DIR=${SWITCHBOARD_FILESHARE_DATA_DIR:-$root/data/files}
export SWITCHBOARD_FILESHARE_PUBLIC_DIR=${SWITCHBOARD_FILESHARE_PUBLIC_DIR:-$root/deploy/public}
mkdir -p logs data
declare -A commands
for entry in "${services[@]}"; do
    commands[${entry%%:*}]=$(launch_command "${entry%%:*}")
done

pids=()
stop_all() {
    trap - INT TERM EXIT
    if ((${#pids[@]})); then
        echo
        echo "Stopping the suite (graceful, up to 30 s)..."
        kill -TERM "${pids[@]}" 2>/dev/null || true
        wait "${pids[@]}" 2>/dev/null || true
    fi
}
trap stop_all INT TERM EXIT

for entry in "${services[@]}"; do
    name=${entry%%:*}
    JAVA_TOOL_OPTIONS=$(java_options "$name") ${commands[$name]} >"logs/$name.log" 2>&1 &
    pids+=($!)
done

# Wait on each service's readiness (HTTP 200, as compose's healthchecks), failing fast if one dies
is_ready() {
    timeout 4 deploy/ready.sh "$1" 2>/dev/null
}
start=$SECONDS
for i in "${!services[@]}"; do
    name=${services[$i]%%:*} port=${services[$i]#*:}
    until is_ready "$port"; do
        if ! kill -0 "${pids[$i]}" 2>/dev/null; then
            echo "$name stopped while starting; the end of logs/$name.log:" >&2
            tail -n 40 "logs/$name.log" >&2
            exit 1
        fi
        if ((SECONDS - start > 300)); then
            echo "$name was not ready after 300 s; see logs/$name.log" >&2
            exit 1
        fi
        sleep 0.5
    done
    echo "  $name ready on port $port ($((SECONDS - start)) s)"
done

cat <<URLS

Switchboard is running (logs in ./logs, data in ./data). Ctrl-C stops everything.

  Landing page      http://localhost:8080/
  Swagger UI        http://localhost:8080/swagger-ui.html
  Web chat          http://localhost:8080/chat/
  File sharing      http://localhost:8080/share/
  Public folder     http://localhost:8080/pub/
  Course TCP echo   nc localhost 3000
  Contacts (TCP)    localhost:3001   (the course's ContactClient)
  Line chat (TCP)   nc localhost 3002
  RFC 862 echo      nc localhost 3007   (UDP: nc -u localhost 3007)
  Actuators         http://localhost:8090/actuator (gateway), :8081-8084/actuator (services)

URLS
wait "${pids[@]}"
