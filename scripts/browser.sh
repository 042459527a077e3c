#!/usr/bin/env bash
# Sourced by test.sh: makes REGISTRY_CHROMIUM point at a headless-capable Chromium for the console's browser tests.
# Order: an existing REGISTRY_CHROMIUM; else chromium on the PATH; else the Debian packages, installed with apt-get
# (with a CJK font, so screenshots of Chinese pages show the characters).
set -euo pipefail

browser_ensure() {
  if [ -n "${REGISTRY_CHROMIUM:-}" ] && [ -x "$REGISTRY_CHROMIUM" ]; then return 0; fi
  local found
  found="$(command -v chromium || command -v chromium-browser || true)"
  if [ -z "$found" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[browser] installing chromium with apt-get" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-wqy-microhei >&2 || true
    found="$(command -v chromium || command -v chromium-browser || true)"
  fi
  if [ -n "$found" ]; then export REGISTRY_CHROMIUM="$found"; else echo "[browser] no chromium; the console's browser tests will fail" >&2; fi
}
