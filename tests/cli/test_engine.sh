#!/bin/bash
# The initiative commands of the veikart tool as a user runs them: every
# command's happy path, and its refusals as the user sees them (the exit
# status, the message, and no event recorded).
# Usage: test_engine.sh VEIKART SOURCE_DIR WORK_DIR
set -u

. "$(dirname "$0")/lib.sh"
veikart=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
unset VEIKART_NOW

# ---- help -------------------------------------------------------------------------
name="help"
commands="init assign set attach approve sign rate step decide meet status log verify report snapshot demo"
run 0 --help
for cmd in $commands; do
	grep -qE "^  $cmd +" out.txt || fail "veikart --help does not list $cmd"
done
has out.txt "Initiatives, each kept in a JOURNAL file:"
for cmd in $commands; do
	run 0 "$cmd" --help
	has out.txt "usage: veikart $cmd"
	has out.txt "Exit status:"
	run 0 help "$cmd"
	has out.txt "usage: veikart $cmd"
done
for cmd in init assign set attach approve sign rate step decide meet status report; do
	run 0 "$cmd" --help
	has out.txt "VEIKART_NOW"
	has out.txt "back-office"
done
for cmd in assign set attach approve sign rate step decide meet; do
	run 0 "$cmd" --help
	has out.txt "--as ACTOR"
done
# The guide describes every command.
for cmd in $commands; do
	grep -qF "| \`veikart $cmd " "$src/docs/cli.md" || fail "docs/cli.md does not list veikart $cmd"
done

# ---- init ----------------------------------------------------------------------------
name="init"
E="$work/engine.vj"
at 2026-01-05T09:00:00Z
run 2 init "$E" --id T-1 --title "Test"
has err.txt "--as PERSON"
[ -e "$E" ] && fail "init without --as created the journal"
run 2 init "$E" --title "Test" --as Kari
has err.txt "--id and --title"
VEIKART_NOW=2026-02-30 "$veikart" init "$E" --id T-1 --title Test --as Kari >out.txt 2>err.txt
[ $? -eq 2 ] || fail "a bad VEIKART_NOW was accepted"
has err.txt "VEIKART_NOW=\`2026-02-30\` is not YYYY-MM-DD"
run 1 init "$E" --method no-such-methodology --id T-1 --title Test --as Kari
[ -e "$E" ] && fail "init with an unknown methodology created the journal"
run 0 init "$E" --id T-1 --title "Test initiative" --as Kari
has out.txt '#1  2026-01-05 09:00  Kari  create T-1 "Test initiative" on ks-veikart 2017.1'
head -n 1 "$E" | grep -qx "veikart-journal 1" || fail "not a journal: $(head -n 1 "$E")"
run 1 init "$E" --id T-2 --title "Again" --as Kari
has err.txt "already exists"
[ "$(events "$E")" = 1 ] || fail "init over an existing journal changed it"

# ---- assign ------------------------------------------------------------------------
name="assign"
run 0 assign "$E" Kari prosjekteier --as Kari
has out.txt "#2  2026-01-05 09:00  Kari  assign Kari as prosjekteier"
run 0 assign "$E" Ola prosjektleder --as Kari
run 0 assign "$E" Ingrid styringsgruppe --as Kari
run 0 assign "$E" Siri gevinstansvarlig --as Kari
# Nobody grants themselves authority: the project leader may not assign
# at all, the owner not to herself.
refused 1 "$E" assign "$E" Ola styringsgruppe --as Ola
has err.txt "assigning role \`styringsgruppe\` needs role \`prosjekteier\`; \`Ola\` holds prosjektleder"
refused 1 "$E" assign "$E" Kari styringsgruppe --as Kari
has err.txt "nobody assigns role \`styringsgruppe\` to themselves"
# A second owner seats Kari in the steering group.
run 0 assign "$E" Per prosjekteier --as Kari
run 0 assign "$E" Kari styringsgruppe --as Per
run 0 assign "$E" Per prosjekteier --remove --as Per
has out.txt "unassign Per from prosjekteier"
refused 1 "$E" assign "$E" Mallory prosjekteier --as Mallory
has err.txt "\`Mallory\` holds no role"
refused 1 "$E" assign "$E" Ola kaptein --as Kari
has err.txt "no role \`kaptein\`"
refused 1 "$E" assign "$E" Ola prosjektleder --as Kari
has err.txt "already holds"
refused 2 "$E" assign "$E" Ola prosjektleder
has err.txt "--as PERSON"
refused 2 "$E" assign "$E" Ola

# ---- status, what-if, gate refusals at the first gate ------------------------------
name="status"
run 0 status "$E" --lang en
has out.txt "T-1  Test initiative"
has out.txt "Methodology: ks-veikart 2017.1"
has out.txt "Status:      active, as of 2026-01-05 09:00 UTC"
has out.txt "Phase:       Before you start (for-du-starter), 0 days since 2026-01-05"
has out.txt "Gate g-for-du-starter: Decision: start the insight work"
has out.txt "BLOCKED: 1 must criterion unmet (mandate)"
has out.txt "✗ must   The project owner has signed the mandate"
has out.txt "? must   The challenges are described"
has out.txt "What is missing:"
has out.txt "    - The project owner has signed the mandate"
has out.txt "Recommended: hold (Hold)"
has out.txt "Decided by: Project owner (prosjekteier): Kari"
has out.txt "Steering group (styringsgruppe): Ingrid, Kari"
lacks out.txt "WHAT-IF"
lacks out.txt "STALLED"
run 0 status "$E"
has out.txt "Før du starter"

name="what-if"
before=$(events "$E")
run 0 status "$E" --lang en --what-if challenge_described=true \
	--what-if anchored_in_management=yes --what-if project_mandate=Kari \
	--what-if need_for_change_understood=true
has out.txt "WHAT-IF, nothing recorded: the gate as it would stand with challenge_described=true"
has out.txt "READY: every must criterion met"
has out.txt "Recommended: go → Insight and idea"
[ "$(events "$E")" = "$before" ] || fail "what-if recorded something"
run 1 status "$E" --what-if active_use_ratio=2
has err.txt "--what-if active_use_ratio=2"
run 2 status "$E" --what-if active_use_ratio
has err.txt "is not FACT=VALUE"

name="decide refusals"
refused 1 "$E" decide "$E" go --why "Let us go" --as Ola
has err.txt "needs role \`prosjekteier\`"
has err.txt "\`Ola\` holds prosjektleder"
refused 1 "$E" decide "$E" go --why "Let us go" --as Kari
has err.txt "not ready for go"
has err.txt "override"
refused 2 "$E" decide "$E" go --as Kari
has err.txt "--why TEXT"
refused 2 "$E" decide "$E" onwards --why x --as Kari
has err.txt "not an outcome"
refused 1 "$E" decide "$E" recycle --why x --as Kari
has err.txt "no recycle outcome"
refused 2 "$E" decide "$E" conditional-go --condition "soon do it" --why x --as Kari
has err.txt "YYYY-MM-DD"

name="sign and approve refusals"
refused 1 "$E" sign "$E" project_mandate --as Ola
has err.txt "needs role \`prosjekteier\`"
refused 1 "$E" sign "$E" benefit_plan --as Kari
has err.txt "not a sign-off"

name="step"
run 0 step "$E" for-du-starter beskrive-utfordringsbildet --as Ola
has out.txt "step for-du-starter/beskrive-utfordringsbildet done (Beskrive utfordringsbildet)"
refused 1 "$E" step "$E" for-du-starter gi-mandat --as Ola
has err.txt "needs role \`prosjekteier\`"
refused 1 "$E" step "$E" for-du-starter beskrive-utfordringsbildet --as Ola
has err.txt "already done"
refused 1 "$E" step "$E" for-du-starter dance --as Ola
has err.txt "no step \`dance\`"

name="the clock"
VEIKART_NOW=2026-01-04 "$veikart" step "$E" for-du-starter planlegge-arbeidet --as Ola \
	>out.txt 2>err.txt
[ $? -eq 1 ] || fail "an event earlier than the last one was accepted"
has err.txt "earlier than the last event"

name="override"
at 2026-01-06T09:00:00Z
run 0 decide "$E" go --override --why "The mandate was given at the council meeting" --as Kari
has out.txt "decide at g-for-du-starter: go → innsikt-og-ide"
has out.txt "gate blocked, OVERRIDE"
has out.txt "The initiative is now active in innsikt-og-ide."
run 0 log "$E"
has out.txt "OVERRIDE; why: \"The mandate was given at the council meeting\""

# ---- facts, evidence, ratings --------------------------------------------------------
name="set"
at 2026-01-10T09:00:00Z
run 0 set "$E" user_insight_gathered=true pilot_plan_goals=true pilot_plan_scope=true \
	pilot_plan_duration=true pilot_plan_participants=true pilot_plan_information=true \
	pilot_plan_training=true pilot_plan_error_handling=true --as Ola
has out.txt "set user_insight_gathered = true"
has out.txt "set pilot_plan_error_handling = true"
refused 1 "$E" set "$E" pilot_participants=12 active_use_ratio=1.5 --as Ola
has err.txt "between 0 and 1"
refused 1 "$E" set "$E" benefit_plan=plan.pdf --as Ola
has err.txt "attached, not set"
refused 1 "$E" set "$E" no_such_fact=1 --as Ola
has err.txt "no_such_fact"
refused 1 "$E" set "$E" pilot_participants=12 --as Stranger
has err.txt "\`Stranger\` holds none"
refused 2 "$E" set "$E" pilot_participants --as Ola
has err.txt "is not FACT=VALUE"

name="attach and approve"
run 0 attach "$E" target_picture https://docs.example/malbilde.pdf --as Ola \
	--sha256 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
has out.txt "attach target_picture https://docs.example/malbilde.pdf sha256:9f86d081884c..."
run 0 attach "$E" benefit_plan https://docs.example/plan.pdf --as Siri
refused 1 "$E" approve "$E" benefit_plan --as Ola
has err.txt "needs role \`prosjekteier\`"
has err.txt "\`Ola\` holds prosjektleder"
run 0 approve "$E" benefit_plan --as Kari
has out.txt "approve benefit_plan"
refused 1 "$E" approve "$E" benefit_plan --as Kari
has err.txt "already approved"
# Without a baseline the gate is not ready: going on is an override, which
# the steering group member may not give.
refused 1 "$E" decide "$E" go --override --why "Go anyway" --as Ingrid
has err.txt "\`prosjekteier\`"
refused 1 "$E" attach "$E" target_picture x --sha256 1234 --as Ola
has err.txt "SHA-256"
refused 1 "$E" attach "$E" pilot_participants x --as Ola
has err.txt "not evidence"
refused 2 "$E" attach "$E" target_picture x --sha256 "$(printf '0%.0s' {1..64})" --file /dev/null --as Ola
has err.txt "not both"
run 0 attach "$E" baseline_measurement https://docs.example/baseline.xlsx --approve --as Kari
has out.txt "attach baseline_measurement"
has out.txt "approve baseline_measurement"

name="attach --file"
S="$work/scratch.vj"
run 0 init "$S" --id S-1 --title Scratch --as Kari
run 0 assign "$S" Kari prosjekteier --as Kari
for size in 0 1 55 56 63 64 65 119 120 1000 65535 65536 200001; do
	head -c "$size" /dev/urandom >doc.bin
	want=$(sha256sum doc.bin | cut -c1-64)
	run 0 attach "$S" target_picture file:doc.bin --file doc.bin --as Kari
	got=$(tail -n 1 "$S" | tr '\t' '\n' | sed -n 's/^sha256=//p')
	[ "$got" = "$want" ] || fail "SHA-256 of $size bytes: $got, sha256sum says $want"
done
refused 3 "$S" attach "$S" target_picture file:none --file "$work/no-such-file" --as Kari
has err.txt "cannot open"

name="rate"
run 0 rate "$S" user_experience medium --as Kari
has out.txt "set user_experience = medium"
refused 2 "$S" rate "$S" active_use_ratio high --as Kari
has err.txt "veikart set JOURNAL active_use_ratio=VALUE"
refused 1 "$S" rate "$S" user_experience superb --as Kari
has err.txt "low, medium, high; special: unknown"

# ---- the pilot, stalled ------------------------------------------------------------------
name="go"
at 2026-02-01T10:00:00Z
refused 1 "$E" decide "$E" go --override --why "Go anyway" --as Kari
has err.txt "nothing to override"
run 0 decide "$E" go --why "Insight, plans and a baseline are in place" --as Ingrid
has out.txt "decide at g-innsikt-og-ide: go → utproving"

name="stalled"
# The pilot was entered on 2026-02-01; it may last 180 days.
at 2026-07-31T10:00:00Z
run 0 status "$E" --lang en
has out.txt "180 days since 2026-02-01, at most 180"
lacks out.txt "STALLED"
at 2026-08-01T10:00:00Z
run 0 status "$E" --lang en
has out.txt "STALLED: 181 days in Development and pilot, more than the 180"

# ---- a conditional go and its conditions (on a methodology that has one) -----------------
name="conditional go"
F="$src/tests/fixtures/valid/everything/input.xml"
C="$work/conditional.vj"
at 2026-01-05T09:00:00Z
run 0 init "$C" --method "$F" --id C-1 --title Conditional --as Eva
run 0 assign "$C" Eva eier --as Eva --method "$F"
run 0 assign "$C" Nils leder --as Eva --method "$F"
run 0 set "$C" described=true pool=central budget=100000 procurement=true active=0.2 \
	--as Eva --method "$F"
run 0 attach "$C" plan file:plan.pdf --approve --as Eva --method "$F"
run 0 sign "$C" mandate --as Eva --method "$F"
run 0 status "$C" --lang en --method "$F"
has out.txt "Decided by: Project owner (eier): Eva"
refused 1 "$C" decide "$C" conditional-go --why "Go on while the staff are trained" --as Eva \
	--method "$F"
has err.txt "at least one condition"
run 0 decide "$C" conditional-go --why "Go on while the staff are trained" \
	--condition "2026-03-01 Train the night staff" \
	--condition "2026-06-30 Sign the data processing agreement" --as Eva --method "$F"
has out.txt "decide at bp1: conditional-go → anskaffelse"
has out.txt "conditions: 1. 2026-03-01 Train the night staff; 2. 2026-06-30 Sign the data processing agreement"
decision=$(sed -n 's/^#\([0-9]*\) .*conditional-go.*/\1/p' out.txt)
[ -n "$decision" ] || fail "no decision number"
has out.txt "When a condition is met: veikart meet $C $decision CONDITION --as PERSON"
at 2026-03-05T10:00:00Z
run 0 status "$C" --lang en --method "$F"
has out.txt "decision #$decision, condition 1, due 2026-03-01 (OVERDUE): Train the night staff"
has out.txt "decision #$decision, condition 2, due 2026-06-30: Sign the data processing agreement"
refused 1 "$C" meet "$C" "$decision" 1 --as Nils --method "$F"
has err.txt "needs role \`eier\`"
refused 1 "$C" meet "$C" "$decision" 3 --as Eva --method "$F"
has err.txt "condition(s), not 3"
refused 2 "$C" meet "$C" "$decision" first --as Eva --method "$F"
has err.txt "not a number from 1"
refused 1 "$C" meet "$C" 2 1 --as Eva --method "$F"
has err.txt "no decision was recorded as event 2"
run 0 meet "$C" "#$decision" 1 --as Eva --method "$F"
has out.txt "condition 1 of decision #$decision met"
refused 1 "$C" meet "$C" "$decision" 1 --as Eva --method "$F"
has err.txt "already met"
run 0 status "$C" --lang en --method "$F"
lacks out.txt "condition 1, due"
has out.txt "condition 2, due 2026-06-30"

# ---- log ------------------------------------------------------------------------------
name="log"
run 0 log "$E" --lang en
has out.txt "#1  2026-01-05 09:00  Kari  create T-1 \"Test initiative\" on ks-veikart 2017.1, starting in for-du-starter (Before you start)"
has out.txt "#3  2026-01-05 09:00  Kari  assign Ola as prosjektleder (Project leader)"
has out.txt "Ola  set user_insight_gathered = true"
has out.txt "Kari  approve benefit_plan"
has out.txt "Ingrid  decide at g-innsikt-og-ide: go → utproving (Development and pilot); gate ready; why: \"Insight, plans and a baseline are in place\""
grep -qE '^head [0-9a-f]{64} \([0-9]+ events\)$' out.txt || fail "no head line: $(tail -n 1 out.txt)"
[ "$(grep -c '^#' out.txt)" = "$(events "$E")" ] || fail "log has not one line per event"
run 1 log "$work/missing.vj"
has err.txt "does not exist"

# ---- report and snapshot ------------------------------------------------------------
name="report"
run 0 report "$E" --format md --lang en
has out.txt "T-1"
run 0 report "$E" --format html --output report.html
grep -qi "<html" report.html || fail "report.html is not HTML"
[ -s out.txt ] && fail "report --output also wrote to standard output"
run 2 report "$E" --format pdf
has err.txt "md or html"
run 3 report "$E" --output "$work/no/such/dir/report.md"
has err.txt "cannot write"

name="snapshot"
run 0 snapshot "$E"
has out.txt '<initiative xmlns="urn:veikart:snapshot:1" id="T-1"'
cp out.txt snapshot-stdout.xml
run 0 snapshot "$E" --output snapshot.xml
cmp -s snapshot.xml snapshot-stdout.xml || fail "snapshot --output differs from standard output"

# ---- verify: intact, tampered, torn, forged ------------------------------------------
name="verify"
n=$(events "$E")
head_hash=$("$veikart" log "$E" | sed -n 's/^head \([0-9a-f]*\) .*/\1/p')
run 0 verify "$E"
has out.txt "$E: $n events, chain intact, head $head_hash"
has out.txt "every event keeps the rules of ks-veikart 2017.1"

name="verify a changed byte"
cp "$E" tampered.vj
sed -i '4s/Ola/Olb/' tampered.vj # line 4 holds event 3
cmp -s "$E" tampered.vj && fail "the test did not change the journal"
run 1 verify tampered.vj
has err.txt "event 3 (line 4)"
lacks out.txt "chain intact"
run 1 status tampered.vj
has err.txt "event 3"

name="verify a torn tail"
cp "$E" torn.vj
tail=$(printf '%s\t1796' "$((n + 1))")
printf '%s' "$tail" >>torn.vj
torn=${#tail}
run 0 verify torn.vj
has err.txt "warning: torn.vj ends in an incomplete record of $torn bytes"
has out.txt "torn.vj: $n events, chain intact"
run 0 status torn.vj
at 2026-08-02T10:00:00Z
run 0 set torn.vj pilot_participants=12 --as Ola
has err.txt "ended in an incomplete record ($torn bytes"
run 0 verify torn.vj
has out.txt "torn.vj: $((n + 1)) events, chain intact"
[ -s err.txt ] && fail "still a warning after the tail was cut off: $(cat err.txt)"

name="a clock years ahead is refused unless declared simulated"
cp "$E" future.vj
VEIKART_NOW=9999-12-31 VEIKART_CLOCK= "$veikart" set future.vj pilot_participants=2 --as Ola \
	>out.txt 2>err.txt && fail "a change dated 9999 was recorded"
has err.txt "the clock says 9999-12-31T00:00:00Z, more than 300 seconds ahead of the system's real-time clock"
[ "$(events future.vj)" = "$(events "$E")" ] || fail "the refused change was recorded"
VEIKART_NOW=9999-12-31 VEIKART_CLOCK=often "$veikart" set future.vj pilot_participants=2 --as Ola \
	>out.txt 2>err.txt
[ $? -eq 2 ] || fail "VEIKART_CLOCK=often was taken"
has err.txt "VEIKART_CLOCK=\`often\` is not \`simulated\` or \`real\`"
# A journal already dated in the future says how to go on.
VEIKART_NOW=9999-12-31 VEIKART_CLOCK=simulated "$veikart" set future.vj pilot_participants=2 \
	--as Ola >out.txt 2>err.txt || fail "a simulated clock was refused: $(cat err.txt)"
VEIKART_NOW= VEIKART_CLOCK= "$veikart" set future.vj pilot_participants=3 --as Ola \
	>out.txt 2>err.txt && fail "a change before the last event was recorded"
has err.txt "its last event (#$((n + 1))) is dated 9999-12-31 00:00, after the real time now"
has err.txt "head -n $((n + 1)) future.vj > NEW.vj"
head -n "$((n + 1))" future.vj >recovered.vj
run 0 verify recovered.vj

name="a corrected methodology strands no journal"
# A journal recorded on a methodology that is corrected afterwards still
# verifies: the release keeps the version it was recorded on.
mkdir -p lib
cp "$src/methodologies/ks-veikart.xml" lib/
at 2026-01-05T09:00:00Z
run 0 init old.vj --path lib --id OLD-1 --title "Recorded on the old version" --as Kari
run 0 assign old.vj Kari prosjekteier --path lib --as Kari
python3 "$src/tools/release-methodologies" --veikart "$veikart" lib >out.txt 2>err.txt ||
	fail "release-methodologies: $(cat err.txt)"
has out.txt "kept ks-veikart"
sed 's|<title xml:lang="en">Project leader</title>|<title xml:lang="en">Project manager</title>|' \
	"$src/methodologies/ks-veikart.xml" >lib/ks-veikart.xml
cmp -s lib/ks-veikart.xml "$src/methodologies/ks-veikart.xml" && fail "the correction changed nothing"
run 0 verify old.vj --path lib
has out.txt "every event keeps the rules of ks-veikart 2017.1"
run 0 assign old.vj Ola prosjektleder --path lib --as Kari
python3 "$src/tools/release-methodologies" --veikart "$veikart" --check lib >out.txt 2>err.txt ||
	fail "release-methodologies --check: $(cat err.txt)"
has out.txt "1 kept version(s) load with their digests"
has out.txt "not kept yet (the next release keeps it): ks-veikart"
# Without the kept version, the corrected file is another document.
rm -r lib/released
run 1 verify old.vj --path lib
has err.txt "a different document"
# A kept version that does not load with its digest is found.
python3 "$src/tools/release-methodologies" --veikart "$veikart" lib >out.txt 2>err.txt
kept=$(ls -d lib/released/ks-veikart/*)
echo "<!-- changed -->" >>"$kept/ks-veikart.xml"
python3 "$src/tools/release-methodologies" --veikart "$veikart" --check lib >out.txt 2>err.txt &&
	fail "a changed kept version passed the check"
has err.txt "loads with digest"

name="diff shows who assigns and who records"
cat >owners.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<methodology xmlns="urn:veikart:methodology:1" id="owners" version="1" extends="ks-veikart" xml:lang="nb">
  <roles>
    <role id="styringsgruppe" mode="modify" assigned-by="prosjekteier prosjektleder" self-assign="true"/>
  </roles>
  <facts>
    <fact id="anchored_in_management" mode="modify" recorded-by="prosjekteier"/>
  </facts>
</methodology>
XML
run 1 diff ks-veikart owners.xml
has out.txt 'role styringsgruppe: assigned-by: "prosjekteier" -> "prosjekteier prosjektleder"'
has out.txt 'role styringsgruppe: self-assign: "false" -> "true"'
has out.txt 'fact anchored_in_management: recorded-by: (none) -> "prosjekteier"'
run 0 show owners.xml
has out.txt "assigned by prosjekteier, prosjektleder; may be taken by oneself"

name="a fact with an owner is recorded only by it"
at 2026-01-05T09:00:00Z
run 0 init owned.vj --method owners.xml --id O-1 --title Owned --as Kari
run 0 assign owned.vj Kari prosjekteier --method owners.xml --as Kari
run 0 assign owned.vj Ola prosjektleder --method owners.xml --as Kari
refused 1 owned.vj set owned.vj anchored_in_management=true --method owners.xml --as Ola
has err.txt "recording fact \`anchored_in_management\` needs role \`prosjekteier\`; \`Ola\` holds prosjektleder"
run 0 set owned.vj anchored_in_management=true --method owners.xml --as Kari
run 0 set owned.vj challenge_described=true --method owners.xml --as Ola

name="verification cannot be switched off from inside the file"
# The create event's digest set to zeros and the chain recomputed: the
# rules are still checked, against the document the digest names.
sed '2s/\tdigest=[0-9a-f]*\t/\tdigest=0000000000000000000000000000000000000000000000000000000000000000\t/' \
	"$E" >zeroed-raw.vj
rechain zeroed-raw.vj zeroed.vj
run 0 verify zeroed.vj --chain-only
run 1 verify zeroed.vj
has err.txt "the rules cannot be checked"
has err.txt "a different document"
run 1 verify zeroed.vj --method ks-veikart
has err.txt "a different document"

name="a rewrite or a cut is found against the head kept elsewhere"
sed "s/\trationale=\([^\t]*\)\t/\trationale=Rewritten\t/" "$E" >rewritten-raw.vj
rechain rewritten-raw.vj rewritten.vj
cmp -s rewritten.vj "$E" && fail "the rewrite changed nothing"
run 0 verify rewritten.vj
run 1 verify rewritten.vj --expect-head "$head_hash"
has err.txt "no event has the expected head ${head_hash}: the journal has been cut short or rewritten"
run 0 verify "$E" --expect-head "$head_hash" --expect-events "$n"
run 0 verify "$E" --expect-head "$(printf '%s' "$head_hash" | cut -c1-12)"
head -n -1 "$E" >cut.vj
run 0 verify cut.vj
run 1 verify cut.vj --expect-events "$n"
has err.txt "holds $((n - 1)) events, but $n were expected"
run 1 verify cut.vj --expect-head "$head_hash"
has err.txt "cut short or rewritten"
run 2 verify cut.vj --expect-head xyz
has err.txt "the expected head \`xyz\` is not 12 to 64 lowercase hexadecimal digits"

name="empty, header-only and foreign files are not journals"
: >empty.vj
run 1 verify empty.vj
has err.txt "empty.vj holds no events"
head -n 1 "$E" >header.vj
run 1 verify header.vj
has err.txt "header.vj holds no events"
printf 'veikart-jou' >partial.vj
run 1 verify partial.vj
has err.txt "holds no events (only part of a header)"
run 1 verify /proc/self/status
has err.txt "is not a veikart journal"

name="a missing final newline is not a torn record"
head -c -1 "$E" >nonl.vj
run 0 verify nonl.vj
has out.txt "nonl.vj: $n events, chain intact, head $head_hash"
[ -s err.txt ] && fail "a warning for a whole last record: $(cat err.txt)"
at 2026-08-02T10:00:00Z
run 0 set nonl.vj pilot_participants=13 --as Ola
run 0 verify nonl.vj --expect-head "$head_hash"
has out.txt "nonl.vj: $((n + 1)) events, chain intact"
has out.txt "the expected head is event $n; 1 event was recorded since"

name="verify a forged decision"
cp "$E" forged.vj
last_time=$(tail -n 1 forged.vj | cut -f2)
body=$(printf '%s\t%s\tdecide\tMallory\tgate=g-utproving\toutcome=stop\tto=avsluttet\tauthority=prosjekteier\tverdict=blocked\tscore=0\trationale=forged\tprev=%s' \
	"$((n + 1))" "$last_time" "$head_hash")
hash=$(printf '%s' "$body" | sha256sum | cut -c1-64)
printf '%s\thash=%s\n' "$body" "$hash" >>forged.vj
run 1 verify forged.vj
has err.txt "the chain is intact, but event $((n + 1)) (decide by \`Mallory\`)"
has err.txt "needs role \`prosjekteier\`"

name="verify without the methodology"
mkdir -p methods
cp "$src/docs/examples/local-variant.xml" methods/exempelkommun-veikart.xml
at 2026-01-05T09:00:00Z
run 0 init variant.vj --method methods/exempelkommun-veikart.xml --id V-1 --title Variant --as Eva
run 1 assign variant.vj Eva prosjekteier --as Eva
has err.txt "recorded against methodology exempelkommun-veikart 1.0; point --path DIR or --method FILE at it"
run 0 assign variant.vj Eva prosjekteier --as Eva --path methods
has out.txt "assign Eva as prosjekteier (Projektägare)"
# Verification cannot be talked out of its work: without the methodology
# it fails, unless only the chain is asked for.
run 1 verify variant.vj
has err.txt "the chain is intact, but the rules cannot be checked"
has err.txt "methodology \`exempelkommun-veikart\` not found"
has err.txt "--chain-only"
run 0 verify variant.vj --chain-only
has out.txt "variant.vj: 2 events, chain intact"
has out.txt "only the chain was checked (--chain-only)"
run 0 verify variant.vj --path methods
has out.txt "every event keeps the rules of exempelkommun-veikart 1.0"
run 0 status variant.vj --method methods/exempelkommun-veikart.xml
has out.txt "Vägkarta för tjänsteinnovation (Exempelkommun)"

name="another document with the same id"
sed 's|<title>Vägkarta för tjänsteinnovation (Exempelkommun)</title>|<title>Changed</title>|' \
	methods/exempelkommun-veikart.xml >changed.xml
mkdir -p changed && mv changed.xml changed/exempelkommun-veikart.xml
run 1 status variant.vj --path changed
has err.txt "was recorded against methodology exempelkommun-veikart 1.0 with digest"
has err.txt "a different document"
run 1 verify variant.vj --path changed
has err.txt "a different document"
run 0 verify variant.vj --path changed --chain-only
has out.txt "only the chain was checked"

# ---- a journal held by another writer --------------------------------------------------
name="locked"
at 2026-08-03T10:00:00Z
before=$(events "$E")
flock -x "$E" "$veikart" set "$E" pilot_participants=14 --as Ola >out.txt 2>err.txt
[ $? -eq 1 ] || fail "a locked journal was written"
has err.txt "is locked by another writer"
[ "$(events "$E")" = "$before" ] || fail "the locked journal changed"
flock -x "$E" "$veikart" status "$E" >out.txt 2>err.txt || fail "status of a locked journal failed"

# ---- demo --------------------------------------------------------------------------------
name="demo"
mkdir -p tmp
TMPDIR="$work/tmp" "$veikart" demo --lang nb >out.txt 2>err.txt || fail "demo failed: $(cat err.txt)"
journal=$(sed -n 's/^The journal is \(.*\) (80 events)\.  Try:$/\1/p' out.txt)
case "$journal" in
"$work"/tmp/veikart-demo-*/nattilsyn.vj) ;;
*) fail "the demo's journal is not in a fresh temporary directory: $journal" ;;
esac
[ -f "$journal" ] || fail "the demo's journal is gone"
has out.txt "== Utvikling og utprøving (utproving), visit 2 =="
has out.txt "veikart verify $journal"
run 0 verify "$journal"
run 1 demo --journal "$E"
has err.txt "already exists"
run 2 demo extra
unset VEIKART_NOW

finish "engine commands: all checks passed"
