#!/usr/bin/env bash
# Reruns one benchmark with its fixed arguments and prints its result lines.
#   bench/run.sh <name>      (bench/run.sh with no name lists them)
# Each benchmark is bench/<name>.sh; it builds nothing: run ./mvnw -DskipTests package first.
# The load tools and reference peers come from ../shared/bench (run its setup.sh once).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [[ $# -lt 1 ]]; then
    echo "usage: bench/run.sh <name>" >&2
    echo "benchmarks:" >&2
    for script in "$here"/*.sh; do
        name=$(basename "$script" .sh)
        [[ $name == run || $name == lib ]] && continue
        printf '  %-16s %s\n' "$name" "$(sed -n '2s/^# //p' "$script")" >&2
    done
    exit 2
fi
script=$here/$1.sh
if [[ ! -f $script || $1 == run || $1 == lib ]]; then
    echo "no benchmark named $1 (bench/run.sh lists them)" >&2
    exit 2
fi
shift
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
exec bash "$script" "$@"
