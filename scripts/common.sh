#!/usr/bin/env bash
# Shared by run.sh and test.sh: install what is missing (Debian 12), then configure and build.
set -euo pipefail

VIGIL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VIGIL_BUILD="${VIGIL_BUILD_DIR:-$VIGIL_ROOT/build}"

VIGIL_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libgl-dev libsqlite3-dev libyaml-cpp-dev libre2-dev libssl-dev fonts-dejavu-core
)

vigil_install_deps() {
    local missing=()
    local pkg
    for pkg in "${VIGIL_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    local line="apt-get update && apt-get install -y ${missing[*]}"
    echo "vigil: installing missing packages: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    elif command -v sudo >/dev/null 2>&1; then
        sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    else
        echo "vigil: cannot install packages (not root and no sudo). Run as root:" >&2
        echo "    $line" >&2
        exit 1
    fi
}

vigil_build() {
    local werror="${VIGIL_WERROR:-OFF}"
    cmake -S "$VIGIL_ROOT" -B "$VIGIL_BUILD" -G Ninja \
        -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" -DVIGIL_WERROR="$werror" >/dev/null
    cmake --build "$VIGIL_BUILD" --parallel "$(nproc)"
}
