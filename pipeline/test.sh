#!/usr/bin/env bash
# `npm test`: installs what is missing (as setup does), then runs the whole vitest suite once.
set -euo pipefail
cd "$(dirname "$0")/.."
bash pipeline/install.sh
npx tsc --noEmit -p .
npx vitest run --config test/vitest.config.ts "$@"
