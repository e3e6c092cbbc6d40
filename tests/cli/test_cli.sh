#!/bin/bash
# Tests of the veikart command-line tool as a user runs it.
# Usage: test_cli.sh VEIKART SOURCE_DIR WORK_DIR
set -u

. "$(dirname "$0")/lib.sh"
veikart=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1

# Every line of err.txt is a located diagnostic.
all_located() {
	if grep -vqE '^[^:]+:[0-9]+:[0-9]+: (error|warning|note): ' err.txt; then
		fail "unlocated diagnostic lines:"
		grep -vE '^[^:]+:[0-9]+:[0-9]+: (error|warning|note): ' err.txt | head -n 3 >&2
	fi
}

# ---- help and usage ---------------------------------------------------------
name="help"
run 0 --help
has out.txt "validate"
has out.txt "show"
has out.txt "graph"
for cmd in validate show graph eval; do
	run 0 "$cmd" --help
	has out.txt "usage: veikart $cmd"
done
run 0 --version
has out.txt "veikart 0."
run 2
run 2 frobnicate
has err.txt "no command \`frobnicate\`"
run 2 validate
has err.txt "no file to validate"
run 2 show --bogus ks-veikart
run 2 graph --format png ks-veikart
has err.txt "dot or mermaid"

# ---- validate -----------------------------------------------------------------
name="validate shipped methodologies"
run 0 validate "$src"/methodologies/*.xml "$src"/docs/examples/*.xml
has out.txt "ks-veikart.xml: valid"
[ -s err.txt ] && fail "warnings on shipped files: $(head -n 3 err.txt)"

name="validate invalid fixtures"
for dir in "$src"/tests/fixtures/invalid/*/; do
	run 1 validate --path "$dir" "$dir/input.xml"
	[ -s err.txt ] || fail "no message for $dir"
	[ -s out.txt ] && fail "claims valid: $dir"
	case "$dir" in
	*/xml-not-well-formed/ | */xml-trailing-garbage/ | */no-phases/) ;;
	*) all_located ;;
	esac
done

name="validate several files, one bad"
run 1 validate "$src/methodologies/ks-veikart.xml" \
	"$src/tests/fixtures/invalid/graph/input.xml" "$src/tests/fixtures/valid/minimal/input.xml"
has out.txt "ks-veikart.xml: valid"
has out.txt "minimal/input.xml: valid"
has err.txt "graph/input.xml:13:5: error: phase \`island\` cannot be reached"

name="validate overlays"
run 0 validate "$src/methodologies/nasss.xml"
has out.txt "nasss.xml: valid overlay (nasss, applied to ks-veikart: 7 phases, 7 gates)"
run 0 validate --on stage-gate "$src/methodologies/nasss.xml"
has out.txt "applied to stage-gate"
run 1 validate --on viborg "$src/methodologies/nasss.xml"
has err.txt "nasss.xml:"
has err.txt "leaves the first phase of kind \`pilot\`, and this methodology has no initiative phase of that kind"
cp "$src/methodologies/nasss.xml" "$work/complexity.xml"
run 1 validate "$work/complexity.xml"
has err.txt "complexity.xml:49:1: error: overlay \`nasss\` is found by its id: name the file nasss.xml"
name="a methodology taking in overlays, named BASE+OVERLAY"
run 0 show ks-veikart+nasss
has out.txt "ks-veikart-with-nasss 2017.1, a variant of ks-veikart"
has out.txt "nasss-review"
run 1 show ks-veikart+no-such-overlay
has err.txt "overlay \`no-such-overlay\` not found"

name="validate quiet"
run 0 validate -q "$src/methodologies/ks-veikart.xml"
[ -s out.txt ] && fail "--quiet printed: $(cat out.txt)"

name="validate missing file"
run 1 validate "$work/none.xml"
has err.txt "none.xml: error: cannot open: no such file"

# ---- hostile files: refused, located, bounded, nothing else opened ------------
name="hostile"
printf 'secret-%s\n' "$RANDOM" >"$work/secret.txt"
cat >xxe.xml <<EOF
<?xml version="1.0"?>
<!DOCTYPE methodology [ <!ENTITY s SYSTEM "file://$work/secret.txt"> ]>
<methodology xmlns="urn:veikart:methodology:1" id="x" version="1"><title>&s;</title></methodology>
EOF
python_free_repeat() { # repeat TEXT COUNT
	local s=$1 n=$2 out=""
	while [ "$n" -gt 0 ]; do
		if [ $((n & 1)) -eq 1 ]; then out="$out$s"; fi
		s="$s$s"
		n=$((n >> 1))
	done
	printf '%s' "$out"
}
{
	printf '<methodology xmlns="urn:veikart:methodology:1" id="x" version="1"><title'
	for i in $(seq 1 100000); do printf ' a%d="x"' "$i"; done
	printf '/></methodology>'
} >attrs.xml
{
	printf '<methodology xmlns="urn:veikart:methodology:1" id="x" version="1">'
	python_free_repeat '<title>' 10000
	python_free_repeat '</title>' 10000
	printf '</methodology>'
} >deep.xml
printf '<methodology xmlns="urn:veikart:methodology:1" id="x" version="1">' >huge.xml
truncate -s 100M huge.xml
head -c 4096 "$veikart" >binary.xml
: >empty.xml
printf '<methodology xmlns="urn:veikart:methodology:1" id="x" version="1"><title>\xc3\x28</title></methodology>' >badutf8.xml
printf '<methodology xmlns="urn:other" id="x" version="1"/>' >otherns.xml
hostile="xxe.xml attrs.xml deep.xml huge.xml binary.xml empty.xml badutf8.xml otherns.xml"
for f in "$src"/tests/fixtures/invalid/xml-*/input.xml; do
	cp "$f" "$(basename "$(dirname "$f")").xml"
	hostile="$hostile $(basename "$(dirname "$f")").xml"
done
# At most 10 s and 256 MiB of address space, whatever the input.  Under
# AddressSanitizer, which reserves terabytes of address space for itself,
# only the time is bounded; the normal build checks the memory bound.
limit="prlimit --as=268435456"
if ldd "$veikart" 2>/dev/null | grep -q libasan; then
	limit=""
fi
for f in $hostile; do
	# shellcheck disable=SC2086
	run_cmd 1 timeout 10 $limit "$veikart" validate "$f"
	case "$f" in
	huge.xml) has err.txt "huge.xml: error: the file is 104857600 bytes, more than the limit" ;;
	*) all_located ;;
	esac
	lacks err.txt "secret-"
done
has <(for f in xxe.xml; do "$veikart" validate "$f" 2>&1; done) "DOCTYPE declarations are not allowed"
if command -v strace >/dev/null 2>&1; then
	strace -f -e trace=open,openat,connect -o trace.txt "$veikart" validate xxe.xml \
		xml-doctype-external-dtd.xml xml-doctype-parameter-entity.xml xml-xinclude.xml \
		>/dev/null 2>&1
	lacks trace.txt "secret.txt"
	lacks trace.txt "/etc/passwd"
	lacks trace.txt "connect("
else
	fail "strace is not installed (tools/install-deps installs it)"
fi

# ---- show -------------------------------------------------------------------------
name="show"
run 0 show ks-veikart
has out.txt "ks-veikart"
has out.txt "Gate "
has out.txt "Decided by:"
has out.txt "Outcomes:"
nb=$(head -n 1 out.txt)
run 0 show --lang en ks-veikart
en=$(head -n 1 out.txt)
[ "$nb" != "$en" ] || fail "--lang en did not change the title: $en"
run 0 show "$src/tests/fixtures/valid/everything/input.xml" --lang en
has out.txt "Everything in the format"
has out.txt "Decided by: direktor when budget gt 1000000; otherwise Project owner"
has out.txt "approved(plan)"
has out.txt "days_since(started) ge 7d and days_since(started) le 365d"
has out.txt "Skipped when: not procurement"
run 0 show --path "$src/tests/fixtures/valid/variant-chain" \
	"$src/tests/fixtures/valid/variant-chain/input.xml"
has out.txt "a variant of national"
run 1 show no-such-methodology
has err.txt "methodology \`no-such-methodology\` not found"
run 1 show "$src/tests/fixtures/invalid/graph/input.xml"
all_located

# ---- graph --------------------------------------------------------------------------
name="graph"
run 0 graph ks-veikart
head -n 1 out.txt | grep -q '^digraph "ks-veikart" {$' || fail "not a digraph: $(head -n 1 out.txt)"
has out.txt " -> "
has out.txt "style=dashed"
if command -v dot >/dev/null 2>&1; then
	dot -Tsvg out.txt >graph.svg 2>dot-err.txt || fail "dot rejects the graph: $(cat dot-err.txt)"
fi
run 0 graph --format mermaid "$src/tests/fixtures/valid/everything/input.xml"
head -n 1 out.txt | grep -q '^flowchart LR$' || fail "not a mermaid flowchart"
has out.txt "-.->"
has out.txt "subgraph units"
has out.txt "stopped"

# ---- eval -----------------------------------------------------------------------
name="eval"
run 0 eval 'active_use_ratio ge 60%' active_use_ratio=0.45
has out.txt "unmet: \`active_use_ratio\` is 0.45, not ge 0.6"
run 0 eval 'active_use_ratio ge 60%' active_use_ratio=72%
has out.txt "met: "
run 0 eval 'active_use_ratio ge 60%'
has out.txt "unknown: fact \`active_use_ratio\` is not recorded"
run 0 eval --now 2026-11-23 --entered 2026-08-01 'days_in_phase()'
has out.txt "114d"
run 0 eval --method "$src/tests/fixtures/valid/everything/input.xml" \
	"tech in ('simple', 'complicated')" tech=na
has out.txt "unknown"
run 1 eval 'active_use_ratio ge'
has err.txt "expression:1:"
run 1 eval 'active_use_ratio ge 60%' active_use_ratio=1.5
has err.txt "between 0 and 1"
run 2 eval --now yesterday 'today()'
run 2 eval 'active_use_ratio ge 0.6' not-a-pair

finish "cli: all passed"
