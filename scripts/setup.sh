# Shared set-up for scripts/demo and scripts/test: sourced, not run.
# Finds Python >= 3.12, checks the system packages, and keeps .venv in step with pyproject.toml.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[1;31mError: %s\033[0m\n' "$*" >&2; exit 1; }

python_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }

find_python() {
  local candidate
  for candidate in python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then
      command -v "$candidate"; return
    fi
  done
  # pyenv installs that are not on PATH (or whose shims refuse), newest first.
  local root="${PYENV_ROOT:-$HOME/.pyenv}"
  command -v pyenv >/dev/null 2>&1 && root="$(pyenv root)"
  for candidate in $(ls -d "$root"/versions/3.* 2>/dev/null | sort -V -r); do
    if python_ok "$candidate/bin/python"; then
      echo "$candidate/bin/python"; return
    fi
  done
  return 1
}

# apt packages the product needs: CJK fonts and HarfBuzz subsetting for PDFs; Chromium for
# the browser tests. Installed when we can (root or password-less sudo), else we stop and say so.
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  command -v apt-get >/dev/null 2>&1 || die "missing system packages: ${missing[*]} (install them with your package manager)"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo -n true 2>/dev/null || die "missing system packages: ${missing[*]}. Run: sudo apt-get install -y ${missing[*]}"
    sudo="sudo -n"
  fi
  say "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_venv() {
  local python
  python="$(find_python)" || die "no Python >= 3.12 found (looked on PATH and in pyenv). Install Python 3.12 or newer."
  if [ ! -x .venv/bin/python ] || ! python_ok .venv/bin/python; then
    say "Creating .venv with $python"
    rm -rf .venv
    "$python" -m venv .venv
  fi
  local stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -e "$stamp" ]; then
    say "Installing Python packages"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test]"
    rm -f .venv/.installed-*
    touch "$stamp"
  fi
}

PY=.venv/bin/python
