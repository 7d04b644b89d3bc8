#!/usr/bin/env bash
# Builds the Toxiproxy server and CLI from their Go module (fetched by this machine's `go`
# through its module proxy) as static Linux binaries into build/. Idempotent: nothing is
# done when build/ already holds this version for this architecture; Go reuses its
# module cache.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
MODULE=github.com/Shopify/toxiproxy/v2
VERSION=v2.12.0

if ! command -v go >/dev/null 2>&1; then
  echo "prepare: Go (go) is needed to build Toxiproxy $VERSION: install it (apt-get install golang-go, or a Go release)" >&2
  exit 2
fi
# The engine's architecture, not this machine's (they differ with a remote DOCKER_HOST).
ARCH="${TOXIPROXY_GOARCH:-$(docker version -f '{{.Server.Arch}}' 2>/dev/null || true)}"
ARCH="${ARCH:-$(go env GOARCH)}"
want="$MODULE $VERSION linux/$ARCH"
if [ -x build/toxiproxy-server ] && [ -x build/toxiproxy-cli ] && [ "$(cat build/.built 2>/dev/null)" = "$want" ]; then
  echo "prepare: build/ holds toxiproxy $VERSION linux/$ARCH"
  exit 0
fi

mkdir -p build/gomod
cd build/gomod
cat >go.mod <<MOD
module chaoslab.local/toxiproxy-build

go 1.22

require $MODULE $VERSION
MOD
cat >tools.go <<'GO'
//go:build tools

package tools

import (
	_ "github.com/Shopify/toxiproxy/v2/cmd/cli"
	_ "github.com/Shopify/toxiproxy/v2/cmd/server"
)
GO
echo "prepare: building toxiproxy $VERSION for linux/$ARCH with go"
export CGO_ENABLED=0 GOOS=linux GOARCH="$ARCH" GOFLAGS=-mod=mod
go mod tidy >/dev/null 2>&1 || go get "$MODULE@$VERSION"
ldflags="-s -w -X $MODULE.Version=$VERSION"
go build -trimpath -ldflags "$ldflags" -o ../toxiproxy-server.tmp "$MODULE/cmd/server"
go build -trimpath -ldflags "$ldflags" -o ../toxiproxy-cli.tmp "$MODULE/cmd/cli"
cd ..
mv toxiproxy-server.tmp toxiproxy-server
mv toxiproxy-cli.tmp toxiproxy-cli
printf '%s\n' "$want" >.built
echo "prepare: built $(du -h toxiproxy-server | cut -f1) toxiproxy-server, $(du -h toxiproxy-cli | cut -f1) toxiproxy-cli"
