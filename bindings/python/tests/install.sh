#!/bin/sh
# Install libveikart into a fresh prefix, install the Python bindings into a
# virtual environment with pip, against that prefix through pkg-config, and
# run the worked example of docs/python.md, as the page tells users to.
# Usage: install.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -eu
build=$1
src=$(cd "$2" && pwd)
work=$3

rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log"
libdir=$(ls -d "$prefix"/lib*/ | head -n 1)

# Debian's Python, where tools/install-deps puts python3-cffi.
python=${VEIKART_PYTHON:-/usr/bin/python3}
"$python" -m venv --system-site-packages "$work/venv"

# pip builds in the folder it is given; build a copy, not the source tree.
cp -R "$src/bindings/python" "$work/bindings-python"
PKG_CONFIG_PATH="${libdir}pkgconfig" "$work/venv/bin/pip" install --no-index --quiet \
	"$work/bindings-python" >"$work/pip.log" 2>&1 || {
	cat "$work/pip.log" >&2
	exit 1
}

# The page's Python, run from an empty folder so that only the installed
# package can be imported.
sed -n '/^```python$/,/^```$/p' "$src/docs/python.md" | grep -v '^```' >"$work/example.py"
[ -s "$work/example.py" ] || { echo "install.sh: docs/python.md has no python example" >&2; exit 1; }
mkdir "$work/run"
cd "$work/run"
VEIKART_PATH= "$work/venv/bin/python" "$work/example.py" >"$work/example.out"
grep -q "ready (score 1.00)" "$work/example.out" ||
	{ echo "install.sh: the example did not reach a ready gate:" >&2; cat "$work/example.out" >&2; exit 1; }
grep -q "now in Introduction" "$work/example.out" ||
	{ echo "install.sh: the example did not pass its gate:" >&2; cat "$work/example.out" >&2; exit 1; }
echo "python install: ok"
