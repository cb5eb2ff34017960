#!/usr/bin/env bash
# Installs what is missing, builds, and starts Vigil on its embedded SQLite store.
# Options are passed to the app, e.g.: scripts/run.sh --db /path/to/store.sqlite
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

vigil_install_deps
vigil_build
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "vigil: no display found. On a headless machine use: xvfb-run -a scripts/run.sh" >&2
    exit 1
fi
exec "$VIGIL_BUILD/app/vigil" "$@"
