#!/bin/sh
# End-to-end tests of the sqlite-host example, run by ctest (label `example`).
# Usage: test.sh first-run|reload|fail-commit PROGRAM WORK_DIR
set -eu
case=$1
prog=$2
work=$3
db=$work/veikart.db

rm -rf "$work"
mkdir -p "$work"

fail() {
	echo "test.sh ($case): $*" >&2
	exit 1
}

# run NAME [ARGS...]: run the example on the database; it must succeed and
# say nothing on stderr.  The output is kept in WORK_DIR/NAME.out.
run() {
	name=$1
	shift
	if ! "$prog" "$@" "$db" >"$work/$name.out" 2>"$work/$name.err"; then
		cat "$work/$name.out" "$work/$name.err" >&2
		fail "$name: the example failed"
	fi
	[ ! -s "$work/$name.err" ] || { cat "$work/$name.err" >&2; fail "$name: wrote to stderr"; }
}

# expect NAME TEXT: a line of NAME's output contains TEXT.
expect() {
	grep -qF -- "$2" "$work/$1.out" || { cat "$work/$1.out" >&2; fail "$1: no line with: $2"; }
}

# refuse NAME TEXT: no line of NAME's output contains TEXT.
refuse() {
	! grep -qF -- "$2" "$work/$1.out" || { cat "$work/$1.out" >&2; fail "$1: unexpected: $2"; }
}

# value NAME KEY: what follows "KEY: " on its line of NAME's output.
value() {
	sed -n "s/^$2: //p" "$work/$1.out"
}

# consistent NAME: the events stored are the events applied, and the head
# is a SHA-256.
consistent() {
	[ "$(value "$1" 'final seq')" = "$(value "$1" 'stored events')" ] ||
		fail "$1: SQLite and the initiative disagree on the number of events"
	value "$1" 'final head' | grep -qE '^[0-9a-f]{64}$' || fail "$1: no head hash"
}

# The first run creates the initiative and passes the first gate.
run first
expect first "database $db: new"
expect first "created initiative NT-1 \"Digitalt nattilsyn\""
expect first "assigned Ingrid as styringsgruppe"
expect first "meeting on 2026-01-05 09:00 UTC"
expect first "gate g-for-du-starter: Decision: start the insight work"
expect first "verdict: ready"
expect first "recommended: go"
expect first "decision: go by Kari as prosjekteier, to innsikt-og-ide"
expect first "final phase: innsikt-og-ide (active)"
consistent first
seq1=$(value first 'final seq')
head1=$(value first 'final head')

case $case in
first-run) ;;

reload)
	# The second run rebuilds the initiative from SQLite and goes on.
	run second
	expect second "database $db: $seq1 events"
	expect second "replayed $seq1 events; head $head1 matches the last stored hash"
	expect second "meeting on 2026-01-19 09:00 UTC"
	expect second "gate g-innsikt-og-ide: Decision: start the pilot"
	expect second "decision: go by Ingrid as styringsgruppe, to utproving"
	expect second "final phase: utproving (active)"
	consistent second
	seq2=$(value second 'final seq')
	head2=$(value second 'final head')
	[ "$seq2" -gt "$seq1" ] || fail "second: no new events"
	# A third run finds the same state and, with no meeting planned, adds nothing.
	run third
	expect third "replayed $seq2 events; head $head2 matches the last stored hash"
	expect third "this example plans no meeting in phase utproving"
	[ "$(value third 'final seq')" = "$seq2" ] || fail "third: events were added"
	[ "$(value third 'final head')" = "$head2" ] || fail "third: the head moved"
	;;

fail-commit)
	# The decision's COMMIT fails: the decision happened nowhere.
	run refused --fail-commit
	expect refused "replayed $seq1 events"
	expect refused "--fail-commit: SQLite will refuse the COMMIT of this decision"
	expect refused "decision refused: abandoned by a callback"
	expect refused "(the commit hook returned -8): SQLite: constraint failed"
	expect refused "last hash unchanged"
	expect refused "phase innsikt-og-ide, snapshot unchanged"
	expect refused "rebuilt from SQLite: snapshot same as before the decision"
	refuse refused "decision: go"
	expect refused "final phase: innsikt-og-ide (active)"
	consistent refused
	seq2=$(value refused 'final seq')
	head2=$(value refused 'final head')
	# The facts recorded before the decision were committed; the decision
	# can be taken again and now goes through.
	run retry
	expect retry "replayed $seq2 events; head $head2 matches the last stored hash"
	expect retry "decision: go by Ingrid as styringsgruppe, to utproving"
	expect retry "final phase: utproving (active)"
	consistent retry
	;;

*) fail "unknown case" ;;
esac
echo "sqlite-host $case: ok"
