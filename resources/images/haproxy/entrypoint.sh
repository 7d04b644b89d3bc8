#!/bin/sh
# Writes /etc/haproxy/haproxy.cfg from the environment, then runs haproxy in the foreground.
#   BACKENDS  comma-separated host:port list (required), e.g. order-1:8080,order-2:8080
#   BALANCE   roundrobin (default) | leastconn | first | source ...
#   CHECK_PATH /health (default)    CHECK_INTER 500ms    TIMEOUT 5s (client, server)
#   CHECK_DOWNINTER 100ms: how often a DOWN server (not yet started, or restarted) is checked,
#   so it joins the rotation within 100 ms of answering; an UP one is checked every CHECK_INTER.
#   CONNECT_TIMEOUT 1s: a killed backend leaves no one to refuse the connection, so a
#   short connect timeout lets a request move on (redispatch) to a live server quickly.
# Server names are the host names, so the stats CSV (/stats;csv on 8404) names them.
set -eu
: "${BACKENDS:?set BACKENDS, e.g. order-1:8080,order-2:8080}"
BALANCE="${BALANCE:-roundrobin}"
CHECK_PATH="${CHECK_PATH:-/health}"
CHECK_INTER="${CHECK_INTER:-500ms}"
CHECK_DOWNINTER="${CHECK_DOWNINTER:-100ms}"
TIMEOUT="${TIMEOUT:-5s}"
CONNECT_TIMEOUT="${CONNECT_TIMEOUT:-1s}"
CFG=/etc/haproxy/haproxy.cfg

{
cat <<CFG
global
    nbthread 1
    maxconn 4096
    # Server state changes (DOWN/UP, new address) are printed on stderr: docker logs.
    quiet
    stats socket /run/haproxy/admin.sock mode 600 level admin

defaults
    mode http
    timeout connect ${CONNECT_TIMEOUT}
    timeout client ${TIMEOUT}
    timeout server ${TIMEOUT}
    timeout check 1s
    timeout http-request ${TIMEOUT}
    # Only connection failures are retried (a sent request never is), on another server.
    retries 2
    option redispatch

# Docker's embedded DNS: a restarted backend may come back with another address. HAProxy
# starts with the backends, before their names resolve (a container's name resolves once it
# runs): it asks again every 100 ms, so a backend joins as soon as it is started (it waited
# up to ~700 ms with 500 ms / 1 s here). A lookup costs Docker's DNS well under a millisecond.
resolvers docker
    nameserver dns 127.0.0.11:53
    resolve_retries 3
    timeout resolve 100ms
    timeout retry 100ms
    hold valid 1s
    hold other 100ms
    hold refused 100ms
    hold nx 100ms
    hold timeout 100ms
    hold obsolete 1s

frontend lb
    bind :8080
    default_backend app

backend app
    balance ${BALANCE}
    option httpchk GET ${CHECK_PATH}
    default-server inter ${CHECK_INTER} fastinter ${CHECK_INTER} downinter ${CHECK_DOWNINTER} fall 2 rise 1 resolvers docker init-addr last,libc,none
CFG
old_ifs=$IFS
IFS=,
for b in $BACKENDS; do
    b=$(echo "$b" | tr -d ' ')
    [ -n "$b" ] || continue
    host=${b%%:*}
    port=${b#*:}
    [ "$port" != "$b" ] || port=8080
    echo "    server ${host} ${host}:${port} check"
done
IFS=$old_ifs
cat <<CFG

frontend stats
    bind :8404
    stats enable
    stats uri /stats
    stats refresh 2s
    stats show-legends
CFG
} >"$CFG"

haproxy -c -q -f "$CFG"
exec haproxy -db -f "$CFG"
