#!/bin/bash
# Untrusted input through the veikart tool: control characters refused when
# recorded and escaped when printed, a rationale of white space refused,
# and files that are not regular files refused instead of waited on.
# Usage: test_inputs.sh VEIKART SOURCE_DIR WORK_DIR
set -u

. "$(dirname "$0")/lib.sh"
veikart=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
at 2026-01-05

v init --id NT-1 --title "Nattilsyn" --as Kari j.vj
v assign j.vj Kari prosjekteier --as Kari

# ---- control characters are refused when recorded --------------------------------
name="control characters"
refused 1 j.vj assign j.vj $'Ola\e]0;owned\a' prosjektleder --as Kari
has err.txt "the person contains a control character (U+001B) at byte 4"
lacks err.txt $'\e'
refused 1 j.vj set j.vj work_planned=true --as $'Kari\tMallory'
has err.txt "the actor contains a control character (U+0009) at byte 5"

# ---- a rationale of white space only is refused ---------------------------------
name="white space rationale"
refused 1 j.vj decide j.vj go --why $'  \t ' --override --as Kari
has err.txt "the rationale is only white space"

# ---- what a journal holds is escaped when printed ---------------------------------
# A journal recorded before the check (forged here: the last record changed,
# its hash computed again) still replays, and prints no escape sequence.
name="escaped output"
v assign j.vj Ola prosjektleder --as Kari
last=$(tail -n 1 j.vj)
body=${last%$'\t'prev=*}
prev=${last#*$'\t'prev=}
prev=${prev%%$'\t'*}
body=${body/$'\t'person=Ola/$'\t'person=Ola$'\e]0;owned\a\e[2J'}
hash=$(printf '%s\tprev=%s' "$body" "$prev" | sha256sum | cut -c1-64)
sed -i '$d' j.vj
printf '%s\tprev=%s\thash=%s\n' "$body" "$prev" "$hash" >>j.vj
v verify j.vj
v log j.vj
has out.txt 'assign Ola\x1b]0;owned\x07\x1b[2J as prosjektleder'
lacks out.txt $'\e'
lacks out.txt $'\a'
v status j.vj
lacks out.txt $'\e'
v report j.vj
lacks out.txt $'\e'
has out.txt 'Ola\x1b\]0;owned\x07\x1b\[2J'
v report --format html j.vj
lacks out.txt '<script'

name="methodology text in show"
# XML allows C1 controls (U+009B is the terminal's CSI) and DEL in titles.
printf '<?xml version="1.0" encoding="UTF-8"?>\n<methodology xmlns="urn:veikart:methodology:1" id="c1" version="1" extends="ks-veikart" xml:lang="nb"><title>Bad \302\2332J title\177</title></methodology>\n' >c1.xml
v show c1.xml
has out.txt 'Bad \u009b2J title\x7f'
lacks out.txt $'\302\233'
lacks out.txt $'\177'

# ---- names in reports are text ---------------------------------------------------
name="markdown report"
v assign j.vj "<script>alert(1)</script>" styringsgruppe --as Kari
v report j.vj
lacks out.txt "<script"
has out.txt "&lt;script&gt;alert(1)&lt;/script&gt;"
v report --format html j.vj
lacks out.txt "<script"
has out.txt "&lt;script&gt;alert(1)&lt;/script&gt;"

# ---- only regular files are read ----------------------------------------------------
name="regular files"
mkfifo fifo.xml
run_cmd 1 timeout 60 "$veikart" validate fifo.xml
has err.txt "fifo.xml: error: is a FIFO, not a regular file"
run_cmd 1 timeout 60 "$veikart" validate /dev/zero
has err.txt "/dev/zero: error: is a character device, not a regular file"
run_cmd 3 timeout 60 "$veikart" show ./fifo.xml
has err.txt "./fifo.xml: error: is a FIFO, not a regular file"
run_cmd 3 timeout 60 "$veikart" status --method ./fifo.xml j.vj
has err.txt "is a FIFO, not a regular file"
before=$(events j.vj)
run_cmd 3 timeout 60 "$veikart" attach --as Kari --file fifo.xml j.vj benefit_plan https://a.example/p.pdf
has err.txt "veikart attach: fifo.xml: is a FIFO, not a regular file"
run_cmd 3 timeout 60 "$veikart" attach --as Kari --file /dev/zero j.vj benefit_plan https://a.example/p.pdf
has err.txt "/dev/zero: is a character device, not a regular file"
run_cmd 3 timeout 60 "$veikart" attach --as Kari --file . j.vj benefit_plan https://a.example/p.pdf
has err.txt ".: is a directory, not a regular file"
[ "$(events j.vj)" = "$before" ] || fail "a refused attach recorded an event"
printf 'plan' >plan.pdf
v attach --as Kari --file plan.pdf j.vj benefit_plan https://a.example/p.pdf

finish "cli.inputs: refused, escaped and regular"
