#!/bin/sh
# Registers the namespace the Cutover worker uses, if it is not there yet.
set -eu
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do echo "waiting for temporal"; sleep 1; done
temporal operator namespace describe --address "$TEMPORAL_ADDRESS" -n "$NAMESPACE" >/dev/null 2>&1 \
  || temporal operator namespace create --address "$TEMPORAL_ADDRESS" -n "$NAMESPACE" --retention 30d
echo "namespace $NAMESPACE ready"
