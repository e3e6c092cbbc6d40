#!/bin/sh
# smoke.sh PATTERN COMMAND [ARG...]: the ctest check of a benchmark program.
# Passes when COMMAND exits 0 and its standard output, as a whole, matches
# the Perl regular expression PATTERN (lines joined by \n).  Says nothing
# about speed.  What the program prints on standard error is left alone.
pattern="$1"
shift
out="$("$@")"
rc=$?
printf '%s\n' "$out"
if [ "$rc" -ne 0 ]; then
	echo "smoke.sh: $1 exited with $rc" >&2
	exit 1
fi
if ! printf '%s\n' "$out" | grep -Pzq "\\A${pattern}\\n\\z"; then
	echo "smoke.sh: the output does not match ${pattern}" >&2
	exit 1
fi
