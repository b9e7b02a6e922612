#!/usr/bin/env bash
# Set up a virtual environment and run the whole test suite: lint, format check, unit, AppTest, browser.
# Uses a system Chromium when there is one; otherwise installs Playwright's Chromium (needs internet).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -r requirements.txt -e ".[test,geo-build,draft]"

if [ -z "${CHROMIUM_PATH:-}" ]; then
  CHROMIUM_PATH="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
fi
if [ -n "$CHROMIUM_PATH" ]; then
  export CHROMIUM_PATH
  echo "browser tests use $CHROMIUM_PATH"
else
  echo "no system Chromium found; installing Playwright's Chromium"
  "$VENV/bin/python" -m playwright install chromium
fi

"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/python" -m centralasia validate
"$VENV/bin/python" -m pytest "$@"
