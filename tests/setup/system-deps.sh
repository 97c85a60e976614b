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
# Another package manager (unattended upgrades, a second `make test`) may hold the dpkg/apt locks:
# wait for it rather than fail. apt itself waits up to LOCK_WAIT seconds for its locks
# (DPkg::Lock::Timeout); before that, where fuser exists, wait here and say why.
LOCK_WAIT=${LOCK_WAIT:-900}
locks=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock)
if command -v fuser >/dev/null 2>&1; then
  waited=0
  while fuser "${locks[@]}" >/dev/null 2>&1; do
    [ "$waited" -eq 0 ] && echo "another package manager holds the dpkg/apt lock: waiting (up to ${LOCK_WAIT}s)"
    [ "$waited" -ge "$LOCK_WAIT" ] && { echo "the dpkg/apt lock is still held after ${LOCK_WAIT}s" >&2; exit 1; }
    sleep 5
    waited=$((waited + 5))
  done
fi
apt_get=(apt-get -o DPkg::Lock::Timeout="$LOCK_WAIT")
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq --no-install-recommends "${need[@]}" >/dev/null
