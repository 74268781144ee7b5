#!/usr/bin/env bash
# Benchmark the deadline resolver against dateparser and JioNLP on tests/data/deadlines.tsv.
#
#     bash benchmarks/run_resolver.sh [--repeat N]
#
# Creates its own virtualenv (benchmarks/.venv-resolver, git-ignored) with the project and
# the two peers, which are benchmark-only: never runtime dependencies of the pipeline.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="$here/.venv-resolver"
python="${PYTHON:-python3.11}"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
fi
if ! "$venv/bin/python" -c "import pipeline, dateparser, jionlp" 2>/dev/null; then
    "$venv/bin/pip" install --quiet "$root" "dateparser>=1.2" jionlp
fi
cd "$root"
exec "$venv/bin/python" "$here/resolver_bench.py" "$@"
