#!/usr/bin/env bash
# What the page tests need from the system, installed from Debian's packages when missing:
# Chromium (driven by Playwright), Java (the Nu HTML Checker), Noto fonts for CJK and Arabic, and
# newsboat (a real feed reader for the feed tests).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v newsboat >/dev/null 2>&1 || need+=(newsboat)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
if command -v fc-list >/dev/null 2>&1; then
  fonts=$(fc-list : family)  # not piped into grep -q: with pipefail, SIGPIPE would read as "missing"
  grep -q "Noto Sans CJK" <<<"$fonts" || need+=(fonts-noto-cjk)
  grep -q "Noto Naskh Arabic" <<<"$fonts" || need+=(fonts-noto-core)
else
  need+=(fonts-noto-cjk fonts-noto-core)
fi
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing for the page tests: ${need[*]}"
if [ "$(id -u)" != 0 ]; then
  echo "not root: install these Debian packages first: ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
