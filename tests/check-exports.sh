#!/bin/sh
# Compare the symbols a shared library exports with the checked-in list.
# Usage: check-exports.sh LIBRARY LIST
# To accept an intended change: check-exports.sh LIBRARY LIST --update
set -eu
lib=$1
list=$2
actual=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRV]$/ { print $3 }' | sort)
if [ "${3:-}" = "--update" ]; then
	printf '%s\n' "$actual" > "$list"
	exit 0
fi
if ! printf '%s\n' "$actual" | diff -u "$list" -; then
	echo "check-exports: the exported symbols differ from $list (+ exported, - missing)" >&2
	exit 1
fi
