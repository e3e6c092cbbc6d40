#!/bin/bash
# The user guide stays true to the code:
#  - every complete XML document in docs/format.md validates;
#  - every "common error" of section 4.8 produces exactly the message shown.
# Usage: test_docs.sh VEIKART SOURCE_DIR WORK_DIR
set -u
. "$(dirname "$0")/lib.sh"
veikart=$1
src=$2
work=$3
doc="$src/docs/format.md"
rm -rf "$work"
mkdir -p "$work"

# 1. Complete documents: ```xml blocks whose first line is the XML
# declaration or the root element.
awk -v dir="$work" '
	/^```xml$/ { inblock = 1; n++; file = sprintf("%s/example-%02d.xml", dir, n); first = 1; next }
	/^```$/ && inblock { inblock = 0; close(file); next }
	inblock {
		if (first && $0 !~ /^(<\?xml|<methodology)/) { inblock = 0; next }
		first = 0
		print > file
	}
' "$doc"
count=0
for f in "$work"/example-*.xml; do
	[ -e "$f" ] || continue
	grep -q '</methodology>' "$f" || continue
	grep -q '…' "$f" && continue # an abridged sketch, not a document
	count=$((count + 1))
	if ! "$veikart" validate -q --path "$src/methodologies" "$f" 2>"$work/err.txt"; then
		echo "FAIL: docs/format.md example $(basename "$f") does not validate:" >&2
		head -n 5 "$work/err.txt" >&2
		failures=$((failures + 1))
	fi
done
[ "$count" -ge 2 ] || { echo "FAIL: found only $count complete examples" >&2; failures=$((failures + 1)); }

# 2. Section 4.8, its second code block: pairs of lines, an expression (with
# an optional comment in parentheses after two or more spaces) and,
# indented, the message.
awk '/^### 4\.8/ { sec = 1 } sec && /^```/ { fences++; if (fences == 4) exit; next } sec && fences == 3' \
	"$doc" >"$work/errors.txt"
pairs=0
expr=""
while IFS= read -r line; do
	[ -z "$line" ] && continue
	if [[ "$line" == "  "* ]]; then
		want="${line#  }"
		got=$("$veikart" eval --method "$src/methodologies/ks-veikart.xml" -- "$expr" 2>&1 >/dev/null)
		got="${got#expression:*: error: }"
		if [ "$got" != "$want" ]; then
			echo "FAIL: docs/format.md 4.8: \`$expr\`" >&2
			echo "  documented: $want" >&2
			echo "  actual:     $got" >&2
			failures=$((failures + 1))
		fi
		pairs=$((pairs + 1))
	else
		expr=$(printf '%s' "$line" | sed -E 's/ {2,}\(.*\)$//')
	fi
done <"$work/errors.txt"
[ "$pairs" -ge 10 ] || { echo "FAIL: found only $pairs error examples" >&2; failures=$((failures + 1)); }

finish "docs: $count examples validate, $pairs error messages match"
