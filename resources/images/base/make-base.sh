#!/usr/bin/env bash
# Creates the image TAG (default debian:bookworm-slim) from scratch with debootstrap,
# for machines that have no container registry. The Debian mirror is read from this
# machine's apt configuration; it is never written into any file of the project.
set -euo pipefail
TAG="${1:-debian:bookworm-slim}"
SUITE="${SUITE:-bookworm}"

mirror() {
  local m=""
  if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
    m=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)
  fi
  if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
    m=$(grep -E '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)
  fi
  printf '%s' "$m"
}

MIRROR="${DEBIAN_MIRROR:-$(mirror)}"
if [ -z "$MIRROR" ]; then
  echo "make-base: no Debian mirror found in /etc/apt (set DEBIAN_MIRROR)" >&2
  exit 2
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
  else
    echo "make-base: debootstrap is missing; install it (apt-get install debootstrap) or make '$TAG' pullable" >&2
    exit 2
  fi
fi
DIR=$(mktemp -d /tmp/chaoslab-rootfs.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
echo "make-base: debootstrap $SUITE (minbase)"
debootstrap --variant=minbase "$SUITE" "$DIR" "$MIRROR" >"$DIR.log" 2>&1 || { tail -n 20 "$DIR.log" >&2; rm -f "$DIR.log"; exit 1; }
rm -f "$DIR.log"
# Keep images small, as the official slim image does.
rm -rf "$DIR"/var/cache/apt/archives/*.deb "$DIR"/var/lib/apt/lists/* "$DIR"/usr/share/doc/* "$DIR"/usr/share/man/*
echo "make-base: importing as $TAG"
tar -C "$DIR" -c . | docker import --change 'CMD ["bash"]' - "$TAG" >/dev/null
echo "make-base: done"
