#!/usr/bin/env bash
# Installs and builds what the benchmarks need, from a clone; safe to run again.
#   bench/setup.sh
# - Debian packages, when their command is missing: wrk nginx haproxy curl python3 nodejs npm
#   iproute2 redis-server (apt-get, as root; the packages' own nginx/haproxy/redis services are
#   not started: the benchmarks run their own copies on loopback ports)
# - a JDK 25 at $JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64): the services, the Java
#   tools and the Netty peers run on it; Debian 12 has none, so it is checked, not installed
# - bench/ws/node_modules: npm ci (ws, pinned by bench/ws/package-lock.json)
# - bench/peers/netty-echo/target/netty-echo.jar and bench/peers/netty-proxy/target/netty-proxy.jar:
#   built with the project's ./mvnw (Netty from Maven Central; MAVEN_ARGS=-Dmaven.repo.local=…
#   picks the local repository)
# Fails, naming what is missing, when something cannot be had.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

fail() {
    echo "bench/setup.sh: $*" >&2
    exit 1
}

# command -> Debian package
declare -A packages=([wrk]=wrk [nginx]=nginx [haproxy]=haproxy [curl]=curl [python3]=python3
                     [node]=nodejs [npm]=npm [ss]=iproute2 [redis-server]=redis-server)
missing=()
for command in "${!packages[@]}"; do
    command -v "$command" >/dev/null || missing+=("${packages[$command]}")
done
if ((${#missing[@]})); then
    ((EUID == 0)) || fail "missing ${missing[*]}: run as root, or apt-get install ${missing[*]}"
    echo "installing ${missing[*]} (apt-get)" >&2
    # keep the packages from starting their system services (policy-rc.d: 101 = do not start)
    policy=
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
        policy=1
    fi
    status=0
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } || status=$?
    [[ -n $policy ]] && rm -f /usr/sbin/policy-rc.d
    ((status == 0)) || fail "apt-get install ${missing[*]} failed"
    for command in "${!packages[@]}"; do
        command -v "$command" >/dev/null || fail "$command still missing after apt-get install ${packages[$command]}"
    done
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 18)) || fail "node $(node --version) is too old: the WebSocket tool needs node 18 or later"

[[ -x $JAVA ]] || fail "no JDK at $JAVA_HOME: install a JDK 25 and set JAVA_HOME"
java_major=$("$JAVA" -version 2>&1 | sed -n '1s/^[^"]*"\([0-9]*\).*/\1/p')
((java_major >= 25)) || fail "$JAVA is Java $java_major: the services and tools need a JDK 25 (set JAVA_HOME)"

echo "npm ci in bench/ws" >&2
(cd "$bench_dir/ws" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in bench/ws failed"
node -e "require('$bench_dir/ws/node_modules/ws')" || fail "ws does not load from bench/ws/node_modules"

# the Netty peers: the echo server (tcp-echo) and the reverse proxy (gateway)
for name in netty-echo netty-proxy; do
    netty=$bench_dir/peers/$name
    jar=$netty/target/$name.jar
    if [[ ! -f $jar || -n $(find "$netty/pom.xml" "$netty/src" -newer "$jar" -type f -print -quit) ]]; then
        echo "building the Netty peer $name (./mvnw)" >&2
        "$project_dir/mvnw" -B -q -f "$netty/pom.xml" package || fail "building $netty failed"
    fi
    [[ -f $jar ]] || fail "$jar was not built"
done

missing_jars=()
for module in random-service contacts-service messaging-service fileshare-service gateway; do
    [[ -f $project_dir/$module/target/$module.jar ]] || missing_jars+=("$module")
done
((${#missing_jars[@]} == 0)) || echo "note: build the services before a benchmark: ./mvnw -B -DskipTests package (missing: ${missing_jars[*]})" >&2
echo "bench ready: wrk $(wrk -v 2>&1 | sed -n '1s/^wrk \([^ ]*\).*/\1/p'), $(nginx -v 2>&1 | sed 's/.*: //'), haproxy $(haproxy -v | sed -n '1s/^HAProxy version \([^ ]*\).*/\1/p'), node $(node --version), Java $java_major"
