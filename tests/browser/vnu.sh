#!/usr/bin/env bash
# The Nu HTML checker (npm `vnu-jar`, needs Java) over every page of a built site:
#   bash tests/browser/vnu.sh DIR
# Prints each error and exits non-zero when there is one; run.sh calls it on the demo build.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${1:?usage: vnu.sh BUILT-SITE-DIR}"
jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"
if [[ ! -f "$jar" ]]; then
  echo "vnu.sh: $jar is missing; run \`npm ci\` in tests/browser first" >&2
  exit 2
fi
if ! command -v java >/dev/null; then
  echo "vnu.sh: the Nu HTML checker needs Java (apt-get install default-jre-headless)" >&2
  exit 2
fi
pages="$(find "$dir" -name '*.html' | wc -l)"
status=0
java -jar "$jar" --errors-only --skip-non-html "$dir" || status=$?
if [[ $status == 0 ]]; then
  echo "[vnu] $pages pages, 0 errors"
else
  echo "[vnu] the Nu HTML checker found errors in $dir ($pages pages)" >&2
fi
exit "$status"
