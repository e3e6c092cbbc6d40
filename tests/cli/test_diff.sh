#!/bin/bash
# `veikart diff` and `veikart compare` as a user runs them:
#  - for every shipped methodology other than ks-veikart, `veikart diff
#    ks-veikart ID` prints what tests/diff/ks-veikart--ID.txt holds (a
#    missing file is a failure; VEIKART_UPDATE_DIFFS=1 writes them anew,
#    to be read before they are committed);
#  - the XML form is valid against schema/diff.xsd (with xmllint);
#  - exit statuses as diff(1): 0 the same, 1 different, 2 trouble;
#  - `veikart compare` sets the variants side by side by phase kind.
# Usage: test_diff.sh VEIKART SOURCE_DIR WORK_DIR
set -u

. "$(dirname "$0")/lib.sh"
veikart=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
export VEIKART_PATH=

# ---- every shipped variant against the default -----------------------------------

name="expected diffs"
count=0
# ref ID: how to name the shipped methodology ID: an overlay is compared as
# the default taking it in.
ref() {
	if grep -q 'overlay="true"' "$src/methodologies/$1.xml"; then
		echo "ks-veikart+$1"
	else
		echo "$1"
	fi
}
for file in "$src"/methodologies/*.xml; do
	id=$(basename "$file" .xml)
	[ "$id" = ks-veikart ] && continue
	count=$((count + 1))
	expected="$src/tests/diff/ks-veikart--$id.txt"
	"$veikart" diff ks-veikart "$(ref "$id")" >out.txt 2>err.txt
	status=$?
	if [ "$status" -ne 1 ]; then
		fail "veikart diff ks-veikart $id: exit status $status, expected 1 (they differ)"
		sed 's/^/    err: /' err.txt | head -n 5 >&2
		continue
	fi
	if [ "${VEIKART_UPDATE_DIFFS:-}" = 1 ]; then
		cp out.txt "$expected"
		echo "wrote $expected"
	elif [ ! -f "$expected" ]; then
		fail "no expected diff for $id: write tests/diff/ks-veikart--$id.txt (VEIKART_UPDATE_DIFFS=1), read it, commit it"
	elif ! cmp -s out.txt "$expected"; then
		fail "veikart diff ks-veikart $id differs from tests/diff/ks-veikart--$id.txt:"
		diff -u "$expected" out.txt | head -n 40 >&2
	fi
	# Each expected file names the two methodologies it compares.
	head -n 2 out.txt >head.txt
	has head.txt "--- ks-veikart "
	case $(ref "$id") in
	*+*) has head.txt "+++ ks-veikart-with-$id " ;;
	*) has head.txt "+++ $id " ;;
	esac
done
[ "$count" -ge 2 ] || fail "only $count methodologies besides ks-veikart"
# An expected file for a methodology no longer shipped is stale.
for expected in "$src"/tests/diff/ks-veikart--*.txt; do
	[ -e "$expected" ] || continue
	id=$(basename "$expected" .txt)
	id=${id#ks-veikart--}
	[ -f "$src/methodologies/$id.xml" ] || fail "tests/diff/$(basename "$expected"): no methodologies/$id.xml"
done

# ---- what a known pair says ---------------------------------------------------------

name="ks-veikart-6 against ks-veikart"
run 1 diff ks-veikart ks-veikart-6
has out.txt "+++ ks-veikart-6 "
has out.txt '- phase evaluering: "Evaluering"'
has out.txt '+ phase forankring: "Forankring"'
has out.txt '~ methodology: extends: (none) -> "ks-veikart"'
has out.txt '- gate g-utproving/authority prosjekteier'
has out.txt '+ gate g-utproving/authority styringsgruppe'
has out.txt '~ gate g-utproving/outcome go: to: "evaluering" -> "overgang-til-drift"'
# The base's evaluation criteria moved into the gate out of the pilot.
has out.txt '+ gate g-utproving/criterion active_use:'
# --lang en: titles in English only.
run 1 diff --lang en ks-veikart ks-veikart-6
has out.txt '+ phase forankring: "Anchoring"'
lacks out.txt 'title[nb]'
# Files and ids alike; the same methodology gives nothing and exit 0.
run 0 diff ks-veikart "$src/methodologies/ks-veikart.xml"
[ -s out.txt ] && fail "the same methodology printed: $(head -c 300 out.txt)"
run 0 diff --format xml ks-veikart ks-veikart
has out.txt 'changes="0"/>'

name="the xml form"
if command -v xmllint >/dev/null 2>&1; then
	for file in "$src"/methodologies/*.xml; do
		id=$(basename "$file" .xml)
		"$veikart" diff --format xml ks-veikart "$(ref "$id")" >"diff-$id.xml" 2>err.txt
		status=$?
		[ "$status" -le 1 ] || fail "veikart diff --format xml ks-veikart $id: exit $status"
		xmllint --noout --schema "$src/schema/diff.xsd" "diff-$id.xml" >lint.txt 2>&1 ||
			fail "diff-$id.xml is not valid: $(head -c 600 lint.txt)"
	done
	# The same number of changes as text lines below the header.
	"$veikart" diff ks-veikart ks-veikart-6 >text.txt
	lines=$(($(wc -l <text.txt) - 2))
	has diff-ks-veikart-6.xml "changes=\"$lines\""
	has diff-ks-veikart-6.xml '<removed what="phase" path="phase evaluering"><old>Evaluering</old></removed>'
else
	echo "SKIP: xmllint not found; the xml form is not checked against schema/diff.xsd" >&2
fi

name="diff: wrong command lines and missing methodologies"
run 2 diff ks-veikart
has err.txt "two methodologies"
run 2 diff --format yaml ks-veikart ks-veikart-6
has err.txt "text or xml"
run 2 diff ks-veikart no-such-methodology
has err.txt "no-such-methodology"
printf '<methodology' >broken.xml
run 2 diff broken.xml ks-veikart
run 0 diff --help
has out.txt "usage: veikart diff"
has out.txt "Exit status"
run 0 help diff
has out.txt "usage: veikart diff"

# ---- compare ------------------------------------------------------------------------

name="compare"
run 0 compare ks-veikart ks-veikart-6 silkeborg-ibg
head -n 1 out.txt >head.txt
has head.txt "ks-veikart"
has head.txt "ks-veikart-6"
has head.txt "silkeborg-ibg"
for kind in needs planning pilot evaluation rollout operation closed; do
	grep -q "^$kind\$" out.txt || fail "compare lacks the kind $kind: $(cat out.txt)"
done
# Kinds in the enum's order.
order=$(grep -E '^[a-z]+$' out.txt | tr '\n' ' ')
[ "$order" = "needs planning pilot evaluation rollout operation closed custom " ] ||
	fail "kinds out of order: $order"
has out.txt "g-evaluering"
has out.txt "g-ideutvikling"
has out.txt "g-udrulning"
has out.txt "g-gevinstoppfolging every 365 d"
# The evaluation block: only ks-veikart has the phase and gate.
awk '/^evaluation$/{on=1;next} /^[a-z]/{on=0} on' out.txt >evaluation.txt
has evaluation.txt "phases      evaluering"
grep -qE '^  gate +g-evaluering +- +-$' evaluation.txt ||
	fail "the evaluation gate row: $(cat evaluation.txt)"
grep -qE '^    decides +styringsgruppe +- +-$' evaluation.txt ||
	fail "the evaluation decides row: $(cat evaluation.txt)"
# must counts: g-evaluering has two must criteria of five.
grep -qE '^    must +2 of 5 ' evaluation.txt || fail "the evaluation must row: $(cat evaluation.txt)"
# Silkeborg's unit phases are marked.
has out.txt "i-brug (unit)"
run 2 compare ks-veikart
has err.txt "two methodologies"
run 1 compare ks-veikart no-such-methodology
run 0 compare --help
has out.txt "usage: veikart compare"
run 0 --help
has out.txt "  diff "
has out.txt "  compare "

finish "all diff and compare checks passed"
