#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test headless. Exits non-zero on any failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# The PDF report tests read the pages back with poppler's pdfinfo and pdftotext.
VIGIL_PACKAGES+=(poppler-utils)
vigil_install_deps
vigil_build
export QT_QPA_PLATFORM=offscreen
cd "$VIGIL_BUILD"
ctest --output-on-failure --timeout 600 "$@"
