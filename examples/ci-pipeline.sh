#!/bin/sh
# A CI pipeline as a hermes board: four shell steps with dependencies, run by
# `hermes kanban dispatch --until-idle`, which starts each step as soon as the steps
# it waits for are done (lint and test in parallel, then build, then package).
# The job fails when a step fails: its log is printed and the steps after it never run.
#
# Each step's command comes from the environment, so one script serves any project:
#   LINT="deno lint" TEST="deno test -A" BUILD="deno task compile" PACKAGE="tar czf app.tgz dist" \
#     sh ci-pipeline.sh
# Steps run with `sh -c` in the current directory. Needs `hermes` on PATH.
set -eu

LINT=${LINT:-make lint}
TEST=${TEST:-make test}
BUILD=${BUILD:-make build}
PACKAGE=${PACKAGE:-make package}

# A board of its own for this job (kept when HERMES_HOME is already set, e.g. to cache it).
if [ -z "${HERMES_HOME:-}" ]; then
  HERMES_HOME=$(mktemp -d)
  trap 'rm -rf "$HERMES_HOME"' EXIT
fi
export HERMES_HOME

workdir=$(pwd -P)
# Steps work in this directory, so it must be a workspace root (by default only HERMES_HOME is).
if [ ! -e "$HERMES_HOME/config.yaml" ]; then
  mkdir -p -m 0700 "$HERMES_HOME"
  printf 'kanban:\n  workspace_roots: ["%s"]\n' "$workdir" >"$HERMES_HOME/config.yaml"
fi

# step TITLE COMMAND [--parent ID]... : create a shell task and print its id.
step() {
  title=$1
  command=$2
  shift 2
  hermes kanban create "$title" --assignee shell --body "$command" \
    --workspace "dir:$workdir" "$@" --json |
    grep -o '"id": *"t_[0-9a-f]*"' | head -n 1 | sed 's/.*"\(t_[0-9a-f]*\)"/\1/'
}

lint=$(step lint "$LINT")
test=$(step test "$TEST")
build=$(step build "$BUILD" --parent "$lint" --parent "$test")
package=$(step package "$PACKAGE" --parent "$build")
echo "pipeline: lint=$lint test=$test build=$build package=$package"

# Exit 0 when every step ended done, 1 when one blocked (a non-zero exit).
if hermes kanban dispatch --until-idle; then
  echo "pipeline: all steps done"
  exit 0
fi

echo "pipeline: failed" >&2
for id in $(hermes kanban list --status blocked --json | grep -o '"id":"t_[0-9a-f]*"' | cut -d'"' -f4); do
  echo "---- $(hermes kanban show "$id" --json | grep -o '"title": *"[^"]*"' | head -n 1 | cut -d'"' -f4) ($id) failed; its output:" >&2
  hermes kanban log "$id" >&2 || true
done
hermes kanban list >&2
exit 1
