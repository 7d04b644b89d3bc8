#!/usr/bin/env bash
# Fetches, with this machine's Maven client (Maven Central is reached only through `mvn`):
#   pom.xml          -> build/libs                                 (the Connect worker)
#   debezium-pom.xml -> build/plugins/debezium-connector-postgres  (the plugin)
#   warmup-pom.xml   -> build/warmup-libs        (a broker for the build-time warm-up only)
# Idempotent: a folder made from the same pom is kept; Maven reuses what ~/.m2 holds.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.6.1"

fetch() { # fetch <pom> <folder under build/>
  local pom="$1" out="build/$2" want
  want="$(sha256sum "$pom" | cut -c1-64)"
  if [ -f "$out/.pom.sha256" ] && [ "$(cat "$out/.pom.sha256")" = "$want" ]; then
    echo "prepare: $out is current ($(find "$out" -name "*.jar" | wc -l) jars)"
    return 0
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    echo "prepare: Maven (mvn) is needed to fetch the Connect and Debezium jars: install it (apt-get install maven)" >&2
    exit 2
  fi
  mkdir -p "$(dirname "$out")"
  rm -rf "$out.tmp"
  echo "prepare: fetching $pom with mvn (cached in ~/.m2 after the first time)"
  mvn -B -q -Dstyle.color=never -f "$pom" "$PLUGIN:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$HERE/$out.tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
  printf '%s\n' "$want" >"$out.tmp/.pom.sha256"
  rm -rf "$out"
  mv "$out.tmp" "$out"
  echo "prepare: $out: $(find "$out" -name "*.jar" | wc -l) jars, $(du -sh "$out" | cut -f1)"
}

fetch pom.xml libs
fetch debezium-pom.xml plugins/debezium-connector-postgres
fetch warmup-pom.xml warmup-libs
