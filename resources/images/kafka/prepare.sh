#!/usr/bin/env bash
# Fetches the jars named in pom.xml into build/libs with this machine's Maven client
# (Maven Central is reached only through `mvn`). Idempotent: nothing is done when
# build/libs was made from the same pom.xml, and Maven reuses what ~/.m2 already holds.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
want="$(sha256sum pom.xml | cut -c1-64)"
if [ -f build/libs/.pom.sha256 ] && [ "$(cat build/libs/.pom.sha256)" = "$want" ]; then
  echo "prepare: build/libs is current ($(find build/libs -name "*.jar" | wc -l) jars)"
  exit 0
fi
if ! command -v mvn >/dev/null 2>&1; then
  echo "prepare: Maven (mvn) is needed to fetch the Kafka jars: install it (apt-get install maven)" >&2
  exit 2
fi
mkdir -p build
rm -rf build/libs.tmp
echo "prepare: fetching jars with mvn (cached in ~/.m2 after the first time)"
mvn -B -q -Dstyle.color=never -f pom.xml "$PLUGIN:copy-dependencies" \
  -DincludeScope=runtime -DoutputDirectory="$HERE/build/libs.tmp" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
printf '%s\n' "$want" >build/libs.tmp/.pom.sha256
rm -rf build/libs
mv build/libs.tmp build/libs
echo "prepare: $(find build/libs -name "*.jar" | wc -l) jars, $(du -sh build/libs | cut -f1)"
