# Shared by scripts/run and scripts/test: create .venv and install the project into it.
# Usage: . scripts/_venv.sh [extras]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "error: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2
  exit 2
fi
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  "$PY" -m venv "$ROOT/.venv"
fi
"$ROOT/.venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
echo "installing the project into .venv …" >&2
log="$(mktemp)"
if ! "$ROOT/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT${1:+[$1]}" >"$log" 2>&1; then
  cat "$log" >&2
  echo "error: installing the project into .venv failed (output above)" >&2
  exit 1
fi
rm -f "$log"
