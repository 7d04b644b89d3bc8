#!/usr/bin/env bash
# Installs what the lab needs on this machine, idempotently: Node dependencies, and on a
# Debian machine as root, Chromium for the browser tests. The Docker engine is ensured by
# `chaoslab engine ensure` (it installs Debian's docker.io and starts dockerd when needed).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "ensure-deps: npm ci"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    if [ ! -f /tmp/.chaoslab-apt-updated ]; then apt-get update -q >/dev/null && touch /tmp/.chaoslab-apt-updated; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
  else
    echo "ensure-deps: please install: $*" >&2
    return 1
  fi
}

if [ "${CHAOSLAB_NEED_BROWSER:-1}" = 1 ] && ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "ensure-deps: installing Chromium (browser tests, PDF export)"
  apt_install chromium fonts-nanum || true
fi
if ! command -v debootstrap >/dev/null 2>&1 && [ "$(uname -s)" = Linux ]; then
  # Only needed where the base image cannot be pulled; cheap to have.
  apt_install debootstrap || true
fi
if [ ! -x /usr/sbin/sshd ] && [ "$(uname -s)" = Linux ]; then
  # For the ssh:// remote-engine test, which runs its own throwaway sshd (temp config, loopback,
  # random port). The system's ssh service is not started by the install (policy-rc.d, as in
  # Docker images, for the install's duration).
  echo "ensure-deps: installing openssh-server (ssh:// engine test)"
  guard=""
  if [ "$(id -u)" = 0 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && guard=1
  fi
  apt_install openssh-server openssh-client || true
  if [ -n "$guard" ]; then rm -f /usr/sbin/policy-rc.d; fi
fi
