#!/usr/bin/env bash
# Fetches AWS's DynamoDB Local jar once into .cache/dynamodb-local/ (git-ignored) and prints the jar's folder.
# The jar ships inside the npm package amplify-dynamodb-simulator; `npm pack` downloads only that tarball
# (56 MB) instead of installing the package and its 347 MB of dependencies.
# Usage: scripts/dynamodb-local.sh            # fetch + extract if needed, print the emulator dir
#        scripts/dynamodb-local.sh run [port] # also run it in the foreground (in-memory) on port (default 8000)
set -euo pipefail

VERSION="${DYNAMODB_LOCAL_PACKAGE_VERSION:-2.9.30}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache/dynamodb-local"
DIR="$CACHE/$VERSION"
JAR="$DIR/package/emulator/DynamoDBLocal.jar"

if [[ ! -f "$JAR" ]]; then
  mkdir -p "$CACHE"
  # A per-process temp dir, renamed into place at the end, so two concurrent runs never see half a jar.
  TMP="$(mktemp -d "$CACHE/tmp.XXXXXX")"
  trap 'rm -rf "$TMP"' EXIT
  echo "dynamodb-local: fetching amplify-dynamodb-simulator@$VERSION with npm pack" >&2
  (cd "$TMP" && npm pack --silent "amplify-dynamodb-simulator@$VERSION" >/dev/null)
  tar -xzf "$TMP"/amplify-dynamodb-simulator-*.tgz -C "$TMP" package/emulator
  rm -f "$TMP"/*.tgz
  if [[ ! -f "$TMP/package/emulator/DynamoDBLocal.jar" ]]; then
    echo "dynamodb-local: DynamoDBLocal.jar not found in the tarball" >&2
    exit 1
  fi
  mkdir -p "$DIR"
  if ! mv -T "$TMP/package" "$DIR/package" 2>/dev/null; then
    [[ -f "$JAR" ]] || { echo "dynamodb-local: could not move the jar into $DIR" >&2; exit 1; }
  fi
fi

EMULATOR="$(dirname "$JAR")"
if [[ "${1:-}" == "run" ]]; then
  cd "$EMULATOR"
  exec java -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar -inMemory -port "${2:-8000}"
fi
echo "$EMULATOR"
