#!/usr/bin/env bash
# Install the Debian packages the app (runtime) or the test suite (test) needs, when missing.
# The list comes from the app itself (ldd on Qt's platform plugins), so it stays true as Qt
# changes. Installs only as root with apt-get; otherwise prints the command to run.
set -euo pipefail
profile="${1:-runtime}"
here="$(cd "$(dirname "$0")/.." && pwd)"
python="${VENV_PYTHON:-$here/.venv/bin/python}"

missing="$("$python" -m roadmap_desktop.core.system_packages missing "$profile")"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "roadmap-desktop needs these system packages: $missing" >&2
    echo "Install them with: sudo apt-get install $missing" >&2
    [ "$profile" = test ] && exit 1
fi
exit 0
