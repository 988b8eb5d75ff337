#!/usr/bin/env bash
# Readiness probe with nothing but bash (the JRE image has no curl): exits 0 only when
#   GET http://127.0.0.1:PORT/actuator/health/readiness
# answers HTTP status 200. Only the status line counts: the body of a DOWN readiness group
# still says "UP" for its parts that are up (readinessState while the database is down).
#   deploy/ready.sh PORT          (docker-compose.yml's healthchecks, run-local.sh)
set -u
port=${1:?usage: ready.sh PORT}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 || exit 1
read -r -t 3 _ status _ <&3 || exit 1
[[ $status == 200 ]]
