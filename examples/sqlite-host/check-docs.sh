#!/bin/sh
# docs/embedding.md quotes this example: every ```c block there that is a
# whole function (it starts `static TYPE name(`) must appear word for
# word in main.c, so the guide cannot drift from code that is built and run.
# Usage: check-docs.sh SOURCE_DIR
set -eu
src=$1
awk -v code="$src/examples/sqlite-host/main.c" '
	BEGIN { while ((getline line < code) > 0) text = text line "\n" }
	/^```c$/ { inblock = 1; block = ""; next }
	/^```$/ && inblock {
		inblock = 0
		if (block ~ /^static [^=\n]*\(/) {
			n++
			if (index(text, block) == 0) {
				printf "docs/embedding.md: this block is not in main.c:\n%s\n", block
				bad++
			}
		}
		next
	}
	inblock { block = block $0 "\n" }
	END {
		if (n < 3) { printf "docs/embedding.md: only %d quoted functions found\n", n; bad++ }
		exit bad ? 1 : 0
	}
' "$src/docs/embedding.md"
echo "docs/embedding.md quotes main.c faithfully"
