# Helpers shared by the scripts that test the veikart tool (tests/cli/*.sh).
# Source it first thing, then set `veikart` to the tool:
#
#     . "$(dirname "$0")/lib.sh"
#     veikart=$1
#
# A check that fails prints "FAIL: <name>: <what>" to standard error and
# counts in $failures, so that one run shows every failure; set `name` to
# what the lines that follow test.  The commands run in the current
# directory and leave their words in out.txt and err.txt.
# shellcheck shell=bash

failures=0
name=""

fail() {
	echo "FAIL: ${name:+$name: }$*" >&2
	failures=$((failures + 1))
}

# run_cmd EXPECTED_STATUS COMMAND ARGS...: the command must exit with that status.
run_cmd() {
	local expected=$1
	shift
	"$@" >out.txt 2>err.txt
	status=$?
	if [ "$status" -ne "$expected" ]; then
		fail "exit status $status, expected $expected: $*"
		sed 's/^/    out: /' out.txt | head -n 5 >&2
		sed 's/^/    err: /' err.txt | head -n 5 >&2
	fi
}

# run EXPECTED_STATUS ARGS...: veikart ARGS must exit with that status.
run() {
	local expected=$1
	shift
	run_cmd "$expected" "$veikart" "$@"
}

# v ARGS...: veikart must accept (exit 0).
v() {
	run 0 "$@"
}

has() { # has FILE TEXT
	grep -qF -- "$2" "$1" || fail "$1 lacks: $2 (it has: $(head -c 800 "$1"))"
}

has_line() { # has_line FILE REGEX: a whole line matches the extended regex
	grep -qE -- "^$2\$" "$1" || fail "$1 has no line matching: $2 (it has: $(head -c 800 "$1"))"
}

lacks() { # lacks FILE TEXT
	! grep -qF -- "$2" "$1" || fail "$1 should not contain: $2"
}

# events JOURNAL: the number of events in it, as `veikart log` counts them.
events() {
	"$veikart" log "$1" 2>/dev/null | sed -n 's/^head [0-9a-f]* (\([0-9]*\) events)$/\1/p'
}

# rechain IN OUT: copy the journal IN to OUT with every prev= and hash=
# recomputed, as someone who rewrites a journal by hand would.
rechain() {
	local prev=0000000000000000000000000000000000000000000000000000000000000000
	local line body hash
	{
		head -n 1 "$1"
		tail -n +2 "$1" | while IFS= read -r line; do
			body="${line%%$'\t'prev=*}"$'\t'"prev=$prev"
			hash=$(printf '%s' "$body" | sha256sum | cut -c1-64)
			printf '%s\thash=%s\n' "$body" "$hash"
			prev=$hash
		done
	} >"$2"
}

# refused EXPECTED_STATUS JOURNAL ARGS...: veikart ARGS is refused with that
# status and a message, and records nothing in JOURNAL.
refused() {
	local expected=$1 journal=$2 before
	shift 2
	before=$(events "$journal")
	run "$expected" "$@"
	[ "$(events "$journal")" = "$before" ] || fail "a refused command recorded an event: $*"
	[ -s err.txt ] || fail "no message for: $*"
}

# at TIME: the tool's clock (VEIKART_NOW) for the commands that follow.
at() { # the tests' clock is simulated: it may run ahead of today
	export VEIKART_NOW=$1 VEIKART_CLOCK=simulated
}

# finish WHAT: exit 1 with the count if any check failed, else say WHAT.
finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures failure(s); the work is in ${work:-$PWD}" >&2
		exit 1
	fi
	echo "$1"
}
