#!/usr/bin/env bash
# Start, stop or locate a reference peer, in the background, on a loopback port.
# Usage: bench/peers/peer.sh start|stop|pid NAME [PORT [PEER ARG...]]
#   py-echo      the course's TCP echo, ThreadingTCPServer (python/echo_server.py)       13000
#   py-contacts  the course's JSON contacts server (python/contacts_server.py)           13001
#   py-random    the course's random API on http.server (python/random_server.py)       13082
#   py-files     python3 -m http.server over $BENCH_FILES                                13084
#   netty-echo   the course's echo on Netty (netty-echo/, built by bench/setup.sh)       13100
#   nginx        static /api/random/int and /files/<name> from $BENCH_FILES (nginx/)     13180
#   ws-hub       node ws chat hub at /ws/chat (bench/ws/hub.js)                          13090
# start waits until the port listens and fails when another copy already runs; pid prints
# the pid (the one whose memory and fds the tools measure); stop ends it (TERM, then KILL
# after 5 s). Pid files and logs: $BENCH_RUN/<name>.pid and .log (default /tmp/bench-run).
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/lib.sh"
here=$bench_dir/peers

action=${1:-}
name=${2:-}
[[ -n $action && -n $name ]] || { sed -n '2,14p' "$0" >&2; exit 2; }
declare -A ports=([py-echo]=13000 [py-contacts]=13001 [py-random]=13082 [py-files]=13084
                  [netty-echo]=13100 [nginx]=13180 [ws-hub]=13090)
[[ -n ${ports[$name]:-} ]] || { echo "unknown peer $name (${!ports[*]})" >&2; exit 2; }
port=${3:-${ports[$name]}}
extra=("${@:4}")
pidfile=$bench_run/$name.pid
log=$bench_run/$name.log

running() {
    [[ -s $pidfile ]] && kill -0 "$(<"$pidfile")" 2>/dev/null
}

start() {
    local command=()
    # a port someone else holds would pass for this peer listening
    require_free_port "$port" || exit 1
    case $name in
        py-echo) command=(python3 "$here/python/echo_server.py" --port "$port") ;;
        py-contacts) command=(python3 "$here/python/contacts_server.py" --port "$port") ;;
        py-random) command=(python3 "$here/python/random_server.py" --port "$port") ;;
        py-files)
            mkdir -p "$BENCH_FILES"
            command=(python3 -m http.server "$port" --bind 127.0.0.1 --directory "$BENCH_FILES") ;;
        netty-echo)
            local jar=$here/netty-echo/target/netty-echo.jar
            [[ -f $jar ]] || { echo "$jar missing: run bench/setup.sh" >&2; exit 1; }
            command=("$JAVA" -XX:+UseSerialGC -Xmx256m -jar "$jar" --port "$port") ;;
        ws-hub)
            [[ -d $bench_dir/ws/node_modules/ws ]] || { echo "bench/ws/node_modules missing: run bench/setup.sh" >&2; exit 1; }
            command=(node "$bench_dir/ws/hub.js" --port "$port") ;;
        nginx)
            command -v nginx >/dev/null || { echo "nginx missing: run bench/setup.sh" >&2; exit 1; }
            local prefix=$bench_run/nginx
            mkdir -p "$prefix/tmp" "$BENCH_FILES"
            sed -e "s|@PORT@|$port|" -e "s|@FILES@|$BENCH_FILES|" "$here/nginx/nginx.conf" >"$prefix/nginx.conf"
            rm -f "$prefix/nginx.pid"
            # nginx daemonizes itself; its master's pid is the one to watch and to stop
            nginx -p "$prefix/" -c "$prefix/nginx.conf" -e "$prefix/error.log" >"$log" 2>&1 ||
                { cat "$log" "$prefix/error.log" >&2; exit 1; }
            for _ in $(seq 50); do [[ -s $prefix/nginx.pid ]] && break; sleep 0.1; done
            cp "$prefix/nginx.pid" "$pidfile" ;;
    esac
    if [[ $name != nginx ]]; then
        nohup "${command[@]}" "${extra[@]}" >"$log" 2>&1 </dev/null &
        echo $! >"$pidfile"
    fi
    if ! wait_listen "$port" 30 || ! kill -0 "$(<"$pidfile")" 2>/dev/null; then
        cat "$log" >&2
        stop
        exit 1
    fi
    echo "$name started: pid $(<"$pidfile") port $port" >&2
}

stop() {
    running || { rm -f "$pidfile"; return 0; }
    local pid
    pid=$(<"$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    rm -f "$pidfile"
}

case $action in
    start)
        if running; then echo "$name already runs (pid $(<"$pidfile"))" >&2; exit 1; fi
        raise_nofile 65536
        start ;;
    stop) stop ;;
    pid) running || { echo "$name is not running" >&2; exit 1; }; cat "$pidfile" ;;
    *) echo "unknown action $action (start|stop|pid)" >&2; exit 2 ;;
esac
