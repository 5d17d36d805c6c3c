#!/bin/sh
# Makes a Temporal namespace ready for Cutover, using nothing but the `temporal` CLI:
#   1. waits until the server answers `temporal operator cluster health`;
#   2. creates the namespace with the retention below, or sets that retention on the existing one;
#   3. registers Cutover's search attributes (CutoverTarget, CutoverStatus, CutoverStep,
#      CutoverGate) as Keyword, then lists them to check.
# Safe to run again: what is already there is left as it is (an attribute that exists with
# another type is an error, reported, and left alone).
#
# Environment:
#   TEMPORAL_ADDRESS       the frontend, host:port             (default temporal:7233)
#   NAMESPACE              the namespace Cutover runs in       (default default)
#   NAMESPACE_RETENTION    how long closed runs are kept       (default 30d; e.g. 90d, 720h)
#   TEMPORAL_WAIT_SECONDS  how long to wait for the server     (default 300)
#
# docker-compose.yml runs it in the temporal-setup service; against any other server:
#   TEMPORAL_ADDRESS=temporal.example:7233 NAMESPACE=cutover sh deploy/scripts/setup-namespace.sh
set -eu

address=${TEMPORAL_ADDRESS:-temporal:7233}
namespace=${NAMESPACE:-default}
retention=${NAMESPACE_RETENTION:-30d}
wait_seconds=${TEMPORAL_WAIT_SECONDS:-300}
# io.cutover.workflow.CutoverSearchAttributes.ALL
attributes="CutoverTarget CutoverStatus CutoverStep CutoverGate"

say() { echo "setup-namespace: $*"; }
fail() {
  echo "setup-namespace: error: $*" >&2
  exit 1
}
t() { temporal "$@" --address "$address" --command-timeout 30s; }
# Runs the temporal command "$@" until it succeeds, at most 5 times 2 s apart, its output in $out:
# a namespace created a moment ago is not known to every part of the server for a second or two.
# A refusal that another try cannot change ("different type") ends it at once.
retry() {
  tries=1
  until out=$(t "$@" 2>&1); do
    case "$out" in *"different type"*) return 1 ;; esac
    [ "$tries" -lt 5 ] || return 1
    tries=$((tries + 1))
    sleep 2
  done
}

# 1. The server.
say "waiting for the Temporal server at $address (up to ${wait_seconds}s)"
deadline=$(($(date +%s) + wait_seconds))
until health=$(t operator cluster health 2>&1); do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    fail "the Temporal server at $address is not healthy after ${wait_seconds}s: $health"
  fi
  sleep 2
done
say "the server at $address is serving"

# 2. The namespace and its retention.
if t operator namespace describe --namespace "$namespace" >/dev/null 2>&1; then
  retry operator namespace update --namespace "$namespace" --retention "$retention" \
    || fail "cannot set the retention of namespace $namespace to $retention: $out"
  say "namespace $namespace exists; retention $retention"
else
  out=$(t operator namespace create --namespace "$namespace" --retention "$retention" 2>&1) \
    || fail "cannot create namespace $namespace: $out"
  say "namespace $namespace created; retention $retention"
fi

# 3. The search attributes. `search-attribute create` leaves those that already exist with the
# same type and refuses one that exists with another.
set --
for name in $attributes; do
  set -- "$@" --name "$name" --type Keyword
done
retry operator search-attribute create --namespace "$namespace" "$@" \
  || fail "cannot register the search attributes in namespace $namespace: $out"
list=$(t operator search-attribute list --namespace "$namespace") \
  || fail "cannot list the search attributes of namespace $namespace"
for name in $attributes; do
  type=$(printf '%s\n' "$list" | awk -v name="$name" '$1 == name { print $2 }')
  [ "$type" = Keyword ] || fail "namespace $namespace: search attribute $name is ${type:-missing}, not Keyword"
  say "search attribute $name: Keyword"
done
say "namespace $namespace is ready for Cutover"
