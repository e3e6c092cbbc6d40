#!/bin/sh
# Build the Python bindings against a libveikart build tree and run their
# pytest suite.  Usage: run.sh LIBRARY_DIR SOURCE_DIR WORK_DIR [PYTEST ARGS...]
# LIBRARY_DIR holds the built libveikart.so; VEIKART_TOOL names the built
# veikart tool (default: LIBRARY_DIR/tools/veikart).
#
# Debian's own Python is used (its python3-cffi and python3-pytest are what
# tools/install-deps installs), unless VEIKART_PYTHON names another.
set -eu
libdir=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
work=$3
shift 3

python=${VEIKART_PYTHON:-}
if [ -z "$python" ]; then
	for candidate in /usr/bin/python3 python3; do
		if "$candidate" -c 'import cffi, pytest' 2>/dev/null; then
			python=$candidate
			break
		fi
	done
fi
if [ -z "$python" ]; then
	echo "run.sh: no Python 3 with cffi and pytest; run tools/install-deps" \
		"(Debian: python3-cffi python3-pytest python3-dev)" >&2
	exit 1
fi

rm -rf "$work"
mkdir -p "$work/lib"
work=$(cd "$work" && pwd)
cp -R "$src/bindings/python/veikart" "$work/lib/"
VEIKART_INCLUDE_DIR="$src/include" VEIKART_LIBRARY_DIR="$libdir" \
	"$python" "$src/bindings/python/veikart_build.py" "$work/lib"

cd "$work"
PYTHONPATH="$work/lib" PYTHONDONTWRITEBYTECODE=1 VEIKART_SOURCE_DIR="$src" \
	VEIKART_TOOL="${VEIKART_TOOL:-$libdir/tools/veikart}" VEIKART_PATH= LC_ALL=C.UTF-8 \
	exec "$python" -m pytest -q -p no:cacheprovider "$src/bindings/python/tests" "$@"
