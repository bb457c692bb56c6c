#!/usr/bin/env bash
# `npm run setup`: installs what is missing, then builds the demo: a generated West Kennemerland extract,
# validated, and every report of schooljaar 2024/2025 in reports/, plus the 2014 kostenverdeling example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash pipeline/install.sh
lp() { node pipeline/bin/leerplicht.mjs "$@"; }
lp generate --config west-kennemerland --seed 1 --out data/generated/west-kennemerland
lp validate --extract data/generated/west-kennemerland
lp build --extract data/generated/west-kennemerland --config west-kennemerland --schooljaar 2024/2025
lp kosten --config west-kennemerland/2014 --bevolking data/bevolking/west-kennemerland-2013-01-01.csv
echo "Demo reports are in reports/west-kennemerland/" >&2
