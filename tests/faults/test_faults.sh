#!/bin/bash
# I/O faults as a host program and a user of the veikart tool meet them: the
# disk filling at every kind of moment, a read-only directory, fsync
# failing.  Each time: an error that names the file and says why, nothing
# acknowledged lost, and a journal that stays valid (it opens with nothing
# to cut off, replays, and `veikart verify` passes).
#
# The faults come from the LD_PRELOAD shim iofault (see iofault.c), which
# touches only files under IOFAULT_PREFIX; the checks after a fault run
# without it.
#
# Usage: test_faults.sh disk_full|read_only|fsync|cli DRIVER VEIKART SHIM WORK_DIR
set -u

# fail, has and events, shared with the tool's other test scripts.
. "$(dirname "$0")/../cli/lib.sh"
case=$1
driver=$2
veikart=$3
shim=$4
work=$5
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
# The journals go on a RAM disk when there is one: the story syncs every
# change, and a few hundred runs of it on a real disk take minutes.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	disk=$(mktemp -d /dev/shm/veikart-faults-XXXXXX) || exit 1
	trap 'rm -rf "$disk"' EXIT
else
	mkdir disk
	disk=$(cd disk && pwd -P)
fi
unset VEIKART_NOW IOFAULT_PREFIX IOFAULT_ENOSPC_AFTER IOFAULT_FSYNC_ERRNO IOFAULT_OPEN_ERRNO
# In a sanitizer build the shim is loaded before the sanitizer's runtime,
# which AddressSanitizer refuses unless told that this is on purpose.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

runs=0

show() { # show FILE...: the first lines of each, indented
	local f
	for f in "$@"; do
		sed "s|^|    $f: |" "$f" | head -n 8 >&2
	done
}

# faulty VAR=VALUE... -- PROGRAM ARGS...: run PROGRAM under the shim.
faulty() {
	local vars=()
	while [ "$1" != "--" ]; do
		vars+=("$1")
		shift
	done
	shift
	env LD_PRELOAD="$shim" "${vars[@]}" "$@"
}

# verified JOURNAL: `veikart verify`, without the shim, says it is intact.
verified() {
	"$veikart" verify "$1" >verify.txt 2>verify.err
	local status=$?
	[ "$status" -eq 0 ] || { fail "veikart verify $1 exits $status"; show verify.txt verify.err; }
	grep -qF "chain intact" verify.txt || { fail "veikart verify $1 does not say intact"; show verify.txt; }
}

# checked JOURNAL STATE: the driver, without the shim, finds JOURNAL as STATE says.
checked() {
	"$driver" check "$1" "$2" >check.out 2>check.err ||
		{ fail "after the fault: $(cat check.err)"; return 1; }
}

# recorded VAR=VALUE... -- JOURNAL STATE [OPTIONS]: the driver's story under
# the shim; it checks the moment of the fault itself.
recorded() {
	local vars=()
	while [ "$1" != "--" ]; do
		vars+=("$1")
		shift
	done
	shift
	runs=$((runs + 1))
	faulty IOFAULT_PREFIX="$disk" "${vars[@]}" -- "$driver" record "$@" >record.out 2>record.err ||
		{ fail "${vars[*]} $*: $(cat record.err)"; show record.out; return 1; }
}

# The story with no fault: the journal every recovered run must end as.
reference() {
	"$driver" record "$disk/ref.vj" ref.state >ref.out 2>ref.err ||
		{ echo "the story does not hold without faults: $(cat ref.err)" >&2; exit 1; }
	verified "$disk/ref.vj"
	ref_size=$(stat -c %s "$disk/ref.vj")
}

# recovered JOURNAL: the driver got over the fault in the same process and
# went on: the journal is byte for byte the one without faults (which
# verifies).
recovered() {
	cmp -s "$1" "$disk/ref.vj" || fail "$1 differs from the journal without faults"
}

# after_fault JOURNAL STATE: the driver gave up at the fault; what a later
# run without the shim finds.
after_fault() {
	local j=$1 state=$2 size
	checked "$j" "$state" || return
	[ -e "$j" ] || return 0
	# Gave up: what is there is the start of the journal without faults.
	size=$(stat -c %s "$j")
	cmp -s -n "$size" "$j" "$disk/ref.vj" || fail "$j is not a prefix of the journal without faults"
	[ -e "$state" ] && verified "$j"
}

case $case in

disk_full)
	# The disk fills after N bytes: at creation, in the header, and in every
	# record (the ten-fact batch included): just before it, in its middle or
	# one byte short of its end, in turn, and all three in the first two.
	name="disk full"
	reference
	ends=$(LC_ALL=C awk '{ n += length($0) + 1; print n }' "$disk/ref.vj")
	counts="0 1 9 17"
	prev=0
	i=0
	for e in $ends; do
		at=("$prev" $(((prev + e) / 2)) $((e - 1)))
		if [ "$i" -lt 2 ]; then
			counts="$counts ${at[*]}"
		else
			counts="$counts ${at[$((i % 3))]}"
		fi
		prev=$e
		i=$((i + 1))
	done
	counts=$(printf '%s\n' $counts | sort -n -u | awk -v max="$ref_size" '$1 < max')
	for n in $counts; do
		name="disk full after $n bytes"
		recorded IOFAULT_ENOSPC_AFTER="$n" -- "$disk/j.vj" j.state
		recovered "$disk/j.vj"
		name="disk full after $n bytes, giving up"
		recorded IOFAULT_ENOSPC_AFTER="$n" -- "$disk/g.vj" g.state --give-up
		after_fault "$disk/g.vj" g.state
	done
	;;

fsync)
	# fsync fails from change K on: at the first change, in the middle, at
	# the ten-fact batch (change 14) and at the last change (23).
	#
	# What the library does: the records were written but not synced, so
	# the commit is not acknowledged.  The journal cuts the file back to
	# the end of the last acknowledged record (the sync of that cut may fail
	# too, and is not waited for), returns VEIKART_EIO "cannot sync the
	# append to disk", and the initiative refuses the change (VEIKART_EUSER
	# with that message) and stays as it was.  The next commit appends at
	# the acknowledged end; opening needs no repair.  (Linux may drop the
	# dirty pages after a failed fsync: only cutting the records off leaves
	# a file whose contents are known.)
	name="fsync"
	reference
	for k in 0 9 13 22; do
		name="fsync fails at change $((k + 1))"
		recorded -- "$disk/j.vj" j.state --fsync-fails-at "$k"
		recovered "$disk/j.vj"
		name="fsync fails at change $((k + 1)), giving up"
		recorded -- "$disk/g.vj" g.state --fsync-fails-at "$k" --give-up
		after_fault "$disk/g.vj" g.state
	done

	# The tool: fsync of the journal fails (its directory still syncs).
	name="veikart set, fsync failing"
	export VEIKART_NOW=2026-01-05T09:00:00Z
	J="$disk/cli.vj"
	"$veikart" init "$J" --id NT-1 --title "Digitalt nattilsyn" --as Kari >/dev/null
	"$veikart" assign "$J" Kari prosjekteier --as Kari >/dev/null
	cp "$J" before.vj
	faulty IOFAULT_PREFIX="$J" IOFAULT_FSYNC_ERRNO=EIO -- \
		"$veikart" set "$J" challenge_described=true work_planned=true --as Kari >out.txt 2>err.txt
	status=$?
	[ "$status" -eq 3 ] || fail "exit status $status, not 3"
	has err.txt "veikart set: "
	has err.txt "$J: cannot sync the append to disk: Input/output error"
	cmp -s "$J" before.vj || fail "the refused change is in $J"
	[ -s out.txt ] && fail "a refused change was reported: $(cat out.txt)"
	verified "$J"
	# When the directory cannot be synced either, no command may write.
	name="veikart set, fsync of the directory failing"
	faulty IOFAULT_PREFIX="$disk" IOFAULT_FSYNC_ERRNO=EIO -- \
		"$veikart" set "$J" challenge_described=true --as Kari >out.txt 2>err.txt
	status=$?
	[ "$status" -eq 3 ] || fail "exit status $status, not 3"
	has err.txt "veikart set: $J: cannot sync its directory: Input/output error"
	cmp -s "$J" before.vj || fail "$J changed"
	name="veikart init, fsync failing"
	faulty IOFAULT_PREFIX="$disk" IOFAULT_FSYNC_ERRNO=EIO -- \
		"$veikart" init "$disk/new.vj" --id NT-2 --title T --as Kari >out.txt 2>err.txt
	status=$?
	[ "$status" -eq 3 ] || fail "exit status $status, not 3"
	has err.txt "$disk/new.vj: cannot sync: Input/output error"
	[ -e "$disk/new.vj" ] && fail "a journal whose creation failed is left behind"
	name="veikart set, fsync working again"
	"$veikart" set "$J" challenge_described=true work_planned=true --as Kari >out.txt 2>err.txt ||
		fail "cannot record once fsync works: $(cat err.txt)"
	[ "$(events "$J")" = 4 ] || fail "$J holds $(events "$J") events, not 4"
	verified "$J"
	;;

read_only)
	# A directory the program may read but not write, as EROFS (a file
	# system mounted read-only) and as EACCES (no write permission).
	name="read-only"
	mkdir -p "$disk/ro"
	"$driver" record "$disk/ro/existing.vj" existing.state >ref.out 2>ref.err ||
		{ echo "the story does not hold without faults: $(cat ref.err)" >&2; exit 1; }
	cp "$disk/ro/existing.vj" existing.copy
	export VEIKART_NOW=2026-03-01T10:00:00Z
	for errno_name in EROFS EACCES; do
		ro=(IOFAULT_PREFIX="$disk/ro" IOFAULT_OPEN_ERRNO="$errno_name")
		[ "$errno_name" = EROFS ] && reason="Read-only file system" || reason="Permission denied"
		name="read-only ($errno_name): the library"
		runs=$((runs + 1))
		faulty "${ro[@]}" -- "$driver" read-only "$disk/ro" "$disk/ro/existing.vj" \
			existing.state >out.txt 2>err.txt || { fail "$(cat err.txt)"; show out.txt; }

		name="read-only ($errno_name): veikart init"
		faulty "${ro[@]}" -- "$veikart" init "$disk/ro/new.vj" --id NT-2 --title T \
			--as Kari >out.txt 2>err.txt
		status=$?
		[ "$status" -eq 3 ] || fail "exit status $status, not 3"
		has err.txt "veikart init: $disk/ro/new.vj: cannot open: $reason"
		[ -e "$disk/ro/new.vj" ] && fail "init left $disk/ro/new.vj behind"

		name="read-only ($errno_name): veikart set"
		faulty "${ro[@]}" -- "$veikart" set "$disk/ro/existing.vj" pilot_participants=30 \
			--as "Ola Hansen" >out.txt 2>err.txt
		status=$?
		[ "$status" -eq 3 ] || fail "exit status $status, not 3"
		has err.txt "veikart set: $disk/ro/existing.vj: cannot open: $reason"
		cmp -s "$disk/ro/existing.vj" existing.copy || fail "the journal changed"

		name="read-only ($errno_name): veikart report --output"
		faulty "${ro[@]}" -- "$veikart" report "$disk/ro/existing.vj" \
			--output "$disk/ro/report.md" >out.txt 2>err.txt
		status=$?
		[ "$status" -eq 3 ] || fail "exit status $status, not 3"
		has err.txt "$disk/ro/report.md"
		[ -e "$disk/ro/report.md" ] && fail "report left $disk/ro/report.md behind"

		# Reading needs no write access.
		for cmd in status log verify; do
			name="read-only ($errno_name): veikart $cmd"
			faulty "${ro[@]}" -- "$veikart" "$cmd" "$disk/ro/existing.vj" >out.txt 2>err.txt ||
				{ fail "veikart $cmd fails: $(cat err.txt)"; }
		done
		has out.txt "chain intact"
		faulty "${ro[@]}" -- "$veikart" report "$disk/ro/existing.vj" >out.txt 2>err.txt ||
			fail "veikart report to standard output fails: $(cat err.txt)"
		has out.txt "NATT-1"
	done
	;;

cli)
	# The tool on a full disk: each recording command fails with a message
	# that names the journal and says the disk is full, exits 3, records
	# nothing, and leaves a journal that verifies.
	export VEIKART_NOW=2026-01-05T09:00:00Z
	J="$disk/cli.vj"
	name="veikart init, disk full"
	for n in 0 1 17 18 19 200; do
		faulty IOFAULT_PREFIX="$disk" IOFAULT_ENOSPC_AFTER="$n" -- \
			"$veikart" init "$J" --id NT-1 --title "Digitalt nattilsyn" --as Kari >out.txt 2>err.txt
		status=$?
		[ "$status" -eq 3 ] || fail "after $n bytes: exit status $status, not 3"
		has err.txt "veikart init: "
		has err.txt "$J: "
		has err.txt "the disk is full"
		[ -e "$J" ] && { fail "after $n bytes: $J is left behind"; rm -f "$J"; }
	done
	# Killed at each write: nothing at the journal's name, or a whole
	# journal that verifies and takes the next command.  Never a file that
	# neither init nor set can use.
	for n in 1 2 3; do
		name="veikart init, killed after write $n"
		faulty IOFAULT_PREFIX="$disk" IOFAULT_KILL_AFTER_WRITES="$n" -- \
			"$veikart" init "$J" --id NT-1 --title "Digitalt nattilsyn" --as Kari \
			>out.txt 2>err.txt
		if [ -e "$J" ]; then
			verified "$J"
			"$veikart" assign "$J" Kari prosjekteier --as Kari >out.txt 2>err.txt ||
				fail "the journal left by the kill takes no command: $(cat err.txt)"
			rm -f "$J"
		fi
		rm -f "$disk"/.cli.vj.*
	done
	name="veikart init"
	"$veikart" init "$J" --id NT-1 --title "Digitalt nattilsyn" --as Kari >out.txt 2>err.txt ||
		fail "$(cat err.txt)"
	"$veikart" assign "$J" Kari prosjekteier --as Kari >/dev/null
	"$veikart" assign "$J" "Ola Hansen" prosjektleder --as Kari >/dev/null
	for n in 0 1 100 300; do
		name="veikart set, disk full after $n bytes"
		cp "$J" before.vj
		faulty IOFAULT_PREFIX="$disk" IOFAULT_ENOSPC_AFTER="$n" -- \
			"$veikart" set "$J" challenge_described=true work_planned=true \
			--as "Ola Hansen" >out.txt 2>err.txt
		status=$?
		[ "$status" -eq 3 ] || fail "exit status $status, not 3"
		has err.txt "veikart set: "
		has err.txt "$J: cannot append: the disk is full"
		[ -s out.txt ] && fail "a refused change was reported: $(cat out.txt)"
		cmp -s "$J" before.vj || fail "the refused change left something in $J"
		[ "$(events "$J")" = 3 ] || fail "$J holds $(events "$J") events, not 3"
		verified "$J"
	done
	name="veikart step and decide, disk full"
	faulty IOFAULT_PREFIX="$disk" IOFAULT_ENOSPC_AFTER=10 -- \
		"$veikart" step "$J" for-du-starter beskrive-utfordringsbildet --as "Ola Hansen" \
		>out.txt 2>err.txt
	[ $? -eq 3 ] || fail "step: exit status not 3"
	has err.txt "veikart step: "
	has err.txt "the disk is full"
	faulty IOFAULT_PREFIX="$disk" IOFAULT_ENOSPC_AFTER=10 -- \
		"$veikart" decide "$J" hold --why "Wait for the mandate." --as Kari >out.txt 2>err.txt
	[ $? -eq 3 ] || fail "decide: exit status not 3"
	has err.txt "veikart decide: "
	has err.txt "the disk is full"
	cmp -s "$J" before.vj || fail "a refused change left something in $J"
	verified "$J"
	name="veikart set, space freed"
	"$veikart" set "$J" challenge_described=true work_planned=true --as "Ola Hansen" \
		>out.txt 2>err.txt || fail "cannot record once there is room: $(cat err.txt)"
	has out.txt "#4 "
	has out.txt "#5 "
	[ "$(events "$J")" = 5 ] || fail "$J holds $(events "$J") events, not 5"
	verified "$J"

	name="veikart demo, disk full"
	faulty IOFAULT_PREFIX="$disk" IOFAULT_ENOSPC_AFTER=6000 -- \
		"$veikart" demo --journal "$disk/demo.vj" >out.txt 2>err.txt
	status=$?
	[ "$status" -eq 3 ] || fail "exit status $status, not 3"
	has err.txt "$disk/demo.vj: cannot append: the disk is full"
	n=$(events "$disk/demo.vj")
	if [ -z "$n" ] || [ "$n" -le 1 ]; then
		fail "the demo's journal holds ${n:-no} events"
	fi
	verified "$disk/demo.vj"
	;;

*)
	echo "usage: test_faults.sh disk_full|read_only|fsync|cli DRIVER VEIKART SHIM WORK" >&2
	exit 2
	;;
esac

if [ "$failures" -gt 0 ]; then
	echo "$case: $failures failures" >&2
	exit 1
fi
echo "$case: all checks passed ($runs driver runs under the shim)"
