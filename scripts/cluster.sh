#!/usr/bin/env bash
# A local cluster of BillingPortal: PostgreSQL, two app instances on loopback ports and nginx in front of them with
# sticky sessions (Blazor Server keeps each browser's circuit on one instance). See docs/scaling.md.
#   scripts/cluster.sh up        installs what is missing (Debian: postgresql, nginx), starts everything, prints the address
#   scripts/cluster.sh status    what runs, and which instance leads each background job
#   scripts/cluster.sh check     a sign-in on instance 1 holds on instance 2; nginx is sticky and lets the WebSocket through
#   scripts/cluster.sh kill N    kills instance N (1 or 2) at once, as a crash would: its jobs move after their lease
#   scripts/cluster.sh start N   starts instance N again
#   scripts/cluster.sh down      stops everything and deletes the cluster's folder
# Settings (environment): BP_CLUSTER_DIR (/var/tmp/bp-cluster), BP_CLUSTER_PORT (8080), BP_CLUSTER_PG_PORT (55432),
# BP_CLUSTER_APP_PORTS ("5101 5102"). Needs the .NET 10 SDK (dotnet) on PATH; runs as root or with sudo for apt-get.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BP_CLUSTER_DIR:-/var/tmp/bp-cluster}
port=${BP_CLUSTER_PORT:-8080}
pg_port=${BP_CLUSTER_PG_PORT:-55432}
read -r -a app_ports <<< "${BP_CLUSTER_APP_PORTS:-5101 5102}"
database=billingportal
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$database"

say() { printf '%s\n' "$*" >&2; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

install_missing() {
  local packages=()
  [[ -x "$(pg_bin)/initdb" ]] || packages+=(postgresql)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || packages+=(nginx)
  command -v curl >/dev/null || packages+=(curl)
  if ((${#packages[@]})); then
    say "Installing ${packages[*]} (Debian packages)..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  fi
  command -v dotnet >/dev/null || { say "dotnet (the .NET 10 SDK) is not on PATH: install it first."; exit 3; }
}

start_postgres() {
  mkdir -p "$dir" && chmod 755 "$dir" # the postgres user must reach its folder inside
  # A throwaway server in $dir/pg: initdb refuses root, so as root it runs as the `postgres` user (see that script).
  "$root/scripts/postgres-throwaway.sh" start "$dir/pg" "$pg_port" >/dev/null
  local psql; psql="$(pg_bin)/psql"
  if [[ -z $("$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'") ]]; then
    "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE $database" >/dev/null
  fi
  say "PostgreSQL on 127.0.0.1:$pg_port, database $database"
}

publish() {
  if [[ ! -f "$dir/app/BillingPortal.dll" ]]; then
    say "Publishing the app (dotnet publish -c Release; a few minutes)..."
    dotnet publish "$root/BillingPortal/BillingPortal.csproj" -c Release -o "$dir/app" -nologo -v q >"$dir/publish.log" 2>&1 \
      || { tail -n 30 "$dir/publish.log" >&2; exit 4; }
  fi
}

start_instance() {
  local n=$1 app_port=${app_ports[$(($1 - 1))]}
  if alive "$dir/instance-$n.pid"; then say "Instance $n already runs (pid $(cat "$dir/instance-$n.pid"))"; return; fi
  # Development: demo data and the local checkout, as `dotnet run` has them. Behind nginx the client's address comes
  # from X-Forwarded-For (trusted from loopback only), so sign-in throttling counts browsers, not the proxy.
  # Its own session (setsid), so it outlives this script and the terminal; it writes its own pid.
  # MALLOC_ARENA_MAX=2: glibc keeps at most two malloc arenas instead of one per thread that allocates (up to 8 per
  # core), which hold freed native memory; it lowers each open tab's memory (docs/operations.md, "Memory").
  (cd "$dir/app" && ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$app_port" MALLOC_ARENA_MAX=2 \
    Database__Provider=Postgres ConnectionStrings__Billing="$connection" ForwardedHeaders__Enabled=true \
    setsid sh -c 'echo $$ >"$0"; exec dotnet BillingPortal.dll' "$dir/instance-$n.pid" >"$dir/instance-$n.log" 2>&1 </dev/null &)
  for _ in $(seq 1 50); do [[ -s "$dir/instance-$n.pid" ]] && break; sleep 0.1; done
  # The server answers only once the database is migrated (and, the first time, the demo data is in).
  for _ in $(seq 1 240); do
    if curl -fs -o /dev/null "http://127.0.0.1:$app_port/Account/Login"; then
      say "Instance $n on 127.0.0.1:$app_port (pid $(cat "$dir/instance-$n.pid"), log $dir/instance-$n.log)"; return
    fi
    alive "$dir/instance-$n.pid" || { tail -n 30 "$dir/instance-$n.log" >&2; say "Instance $n stopped while starting."; exit 5; }
    sleep 1
  done
  say "Instance $n did not answer within 4 minutes; see $dir/instance-$n.log"; exit 5
}

write_nginx_conf() {
  mkdir -p "$dir/nginx/tmp"
  local user_line=""
  if [[ $(id -u) -eq 0 ]]; then user_line="user www-data;"; chown -R www-data "$dir/nginx/tmp"; fi
  local servers=""
  for p in "${app_ports[@]}"; do servers+="        server 127.0.0.1:$p max_fails=1 fail_timeout=10s;"$'\n'; done
  cat >"$dir/nginx/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log $dir/nginx/access.log;
    client_body_temp_path $dir/nginx/tmp/body;
    proxy_temp_path $dir/nginx/tmp/proxy;
    fastcgi_temp_path $dir/nginx/tmp/fastcgi;
    uwsgi_temp_path $dir/nginx/tmp/uwsgi;
    scgi_temp_path $dir/nginx/tmp/scgi;

    # Sticky sessions: a browser keeps one instance for its Blazor circuit (the page, the negotiate call and the
    # WebSocket must all reach the instance holding the circuit). The first response gives the browser a random
    # bp_node cookie; its value picks the instance by consistent hash. ip_hash would do for clients with their own
    # addresses, but would send every local browser to the same instance.
    map \$cookie_bp_node \$bp_node { "" \$request_id; default \$cookie_bp_node; }
    map \$cookie_bp_node \$bp_node_cookie { "" "bp_node=\$request_id; Path=/; HttpOnly; SameSite=Lax"; default ""; }
    map \$http_upgrade \$connection_upgrade { default upgrade; "" close; }

    upstream billingportal {
        hash \$bp_node consistent;
$servers    }

    server {
        listen 127.0.0.1:$port;
        client_max_body_size 10m;
        location / {
            proxy_pass http://billingportal;
            # Blazor's WebSocket: HTTP/1.1 with the upgrade headers, and long timeouts for an idle circuit.
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            add_header Set-Cookie \$bp_node_cookie;
            add_header X-Served-By \$upstream_addr;
        }
    }
}
EOF
}

nginx_bin() { command -v nginx || echo /usr/sbin/nginx; }

start_nginx() {
  write_nginx_conf
  if alive "$dir/nginx/nginx.pid"; then
    "$(nginx_bin)" -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -s reload
  else
    "$(nginx_bin)" -c "$dir/nginx/nginx.conf" -p "$dir/nginx"
  fi
  say "nginx on 127.0.0.1:$port (config $dir/nginx/nginx.conf)"
}

stop_instance() {
  local n=$1 signal=${2:-TERM}
  if alive "$dir/instance-$n.pid"; then
    kill "-$signal" "$(cat "$dir/instance-$n.pid")"
    for _ in $(seq 1 30); do alive "$dir/instance-$n.pid" || break; sleep 1; done
  fi
  rm -f "$dir/instance-$n.pid"
}

status() {
  [[ -d "$dir" ]] || { say "No cluster in $dir"; return 0; }
  local n
  for n in $(seq 1 ${#app_ports[@]}); do
    if alive "$dir/instance-$n.pid"; then echo "instance $n: running, 127.0.0.1:${app_ports[$((n - 1))]}, pid $(cat "$dir/instance-$n.pid")"
    else echo "instance $n: stopped"; fi
  done
  if alive "$dir/nginx/nginx.pid"; then echo "nginx: running, http://127.0.0.1:$port"; else echo "nginx: stopped"; fi
  local psql; psql="$(pg_bin)/psql"
  if "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" -tAc "SELECT 1" >/dev/null 2>&1; then
    echo "postgresql: running, 127.0.0.1:$pg_port, database $database"
    echo "background jobs (holder = host/pid/suffix of the leading instance):"
    "$psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" -c \
      'SELECT "Name" AS job, "Holder" AS leader, "ExpiresAt" AS lease_until FROM "WorkerLeases" ORDER BY "Name"' 2>/dev/null || true
  else
    echo "postgresql: stopped"
  fi
}

# Signs in on instance 1, reads /billing from instance 2 with that cookie, then checks nginx: one browser cookie keeps
# one instance, and the Blazor WebSocket upgrade gets through. Exits non-zero on the first failure.
check() {
  local n
  for n in 1 2; do alive "$dir/instance-$n.pid" || { say "FAIL: instance $n is not running (scripts/cluster.sh start $n)"; return 1; }; done
  local jar; jar=$(mktemp -d)
  local a="http://127.0.0.1:${app_ports[0]}" b="http://127.0.0.1:${app_ports[1]}" lb="http://127.0.0.1:$port"
  local token
  token=$(curl -fs -c "$jar/app" -b "$jar/app" "$a/Account/Login" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar/app" -b "$jar/app" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "_handler=login" --data-urlencode "Input.Email=owner@acme.test" --data-urlencode "Input.Password=Demo!2345" "$a/Account/Login")
  [[ $code == 302 ]] || { say "FAIL: sign-in on instance 1 answered $code"; return 1; }
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar/app" "$b/billing")
  [[ $code == 200 ]] || { say "FAIL: instance 2 refused instance 1's sign-in ($code)"; return 1; }
  echo "ok: signed in on instance 1, /billing on instance 2 answers 200"
  local served
  served=$(for _ in 1 2 3 4 5; do curl -fs -D - -o /dev/null -c "$jar/lb" -b "$jar/lb" "$lb/Account/Login" | tr -d '\r' | sed -n 's/^X-Served-By: //Ip'; done | sort -u)
  [[ $(wc -l <<<"$served") == 1 ]] || { say "FAIL: one cookie reached several instances: $served"; return 1; }
  echo "ok: through nginx, one browser cookie stays on $served"
  local connection
  connection=$(curl -fs -b "$jar/lb" -X POST -H 'Content-Length: 0' "$lb/_blazor/negotiate?negotiateVersion=1" | sed -n 's/.*"connectionToken":"\([^"]*\)".*/\1/p')
  code=$(curl -s -o /dev/null -w '%{http_code}' --http1.1 -m 3 -b "$jar/lb" -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
    -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "$lb/_blazor?id=$connection" || true)
  [[ $code == 101 ]] || { say "FAIL: the Blazor WebSocket upgrade through nginx answered $code"; return 1; }
  echo "ok: the Blazor WebSocket upgrade through nginx answers 101"
  rm -rf "$jar"
}

down() {
  local n
  for n in $(seq 1 ${#app_ports[@]}); do stop_instance "$n"; done
  if alive "$dir/nginx/nginx.pid"; then "$(nginx_bin)" -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -s quit || true; sleep 1; fi
  "$root/scripts/postgres-throwaway.sh" stop "$dir/pg" || true
  rm -rf "$dir"
  say "Cluster stopped; $dir removed."
}

case "${1:-}" in
  up)
    install_missing
    start_postgres
    publish
    # One after the other: the first migrates the database and seeds the demo data, the second finds both done.
    for n in $(seq 1 ${#app_ports[@]}); do start_instance "$n"; done
    start_nginx
    echo "BillingPortal cluster: http://127.0.0.1:$port  (sign in as owner@acme.test / Demo!2345)"
    ;;
  status) status ;;
  check) check ;;
  kill) stop_instance "${2:?usage: cluster.sh kill N}" KILL; say "Instance $2 killed." ;;
  start) start_instance "${2:?usage: cluster.sh start N}" ;;
  down) down ;;
  *) say "usage: scripts/cluster.sh up|status|check|kill N|start N|down"; exit 2 ;;
esac
