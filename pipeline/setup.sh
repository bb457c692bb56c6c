#!/usr/bin/env bash
# `npm run setup`: installs what is missing, then builds the demo: a generated West Kennemerland extract,
# validated, and every report of schooljaar 2024/2025 in reports/, plus the 2014 kostenverdeling example
# (begroting, voorschotten, jaarrekening and afrekening).
set -euo pipefail
cd "$(dirname "$0")/.."
bash pipeline/install.sh
lp() { node pipeline/bin/leerplicht.mjs "$@"; }
lp generate --config west-kennemerland --seed 1 --out data/generated/west-kennemerland
lp validate --extract data/generated/west-kennemerland
lp build --extract data/generated/west-kennemerland --config west-kennemerland --schooljaar 2024/2025
# The 2014 kostenverdeling example: begroting with voorschotten, then the jaarrekening and afrekening from an
# invented realisation (data/realisatie/west-kennemerland-2014/README.md). The meeting dates are examples.
lp kosten --config west-kennemerland/2014 --bevolking data/bevolking/west-kennemerland-2013-01-01.csv --vergadering 2013-06-27
lp kosten --config west-kennemerland/2014 --bevolking data/bevolking/west-kennemerland-2013-01-01.csv \
  --jaarrekening data/realisatie/west-kennemerland-2014 --vergadering 2015-06-25
echo "Demo reports are in reports/west-kennemerland/" >&2
