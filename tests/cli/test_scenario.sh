#!/bin/bash
# The scenario of the default methodology, told three ways, must come out
# the same:
#   api   tests/unit/test_scenario.c, hand-coded API calls (its journal,
#         snapshot and reports are written to api/ through VEIKART_SCENARIO_OUT);
#   cli   the commands below, one per step, with VEIKART_NOW per step;
#   demo  `veikart demo --journal FILE`.
# Compared: the journals (byte for byte), the snapshots (the API's own and
# each journal replayed by `veikart snapshot`), the audit trails (`veikart
# log`) and the reports (md and html, at the time of the last decision).
# Any mismatch prints a diff.
# It also checks that docs/cli.md, which tells this story, shows what the
# commands print.
# Usage: test_scenario.sh VEIKART SCENARIO_TEST SOURCE_DIR WORK_DIR
set -u

. "$(dirname "$0")/lib.sh"
veikart=$1
scenario=$2
src=$3
work=$4
rm -rf "$work"
mkdir -p "$work/api" "$work/cli" "$work/demo"
cd "$work" || exit 1

KARI="Kari Nordmann"
OLA="Ola Hansen"
INGRID="Ingrid Berg"
SIRI="Siri Lund"
ARCHIVE="https://arkiv.nordby.example/nattilsyn"
END="2027-12-06T10:00:00Z" # the last decision: the reports' date

# ---- api: the C test writes its journal, snapshot and reports ---------------------
if ! VEIKART_SCENARIO_OUT="$work/api" "$scenario" >api/test.log 2>&1; then
	fail "the C scenario test failed:"
	tail -n 20 api/test.log >&2
fi

# ---- cli: the same story, command by command ---------------------------------------
J="$work/cli/journal.vj"
vk() { # vk COMMAND ARGS...: must succeed
	if ! "$veikart" "$@" >>cli/out.txt 2>cli/err.txt; then
		fail "veikart $*"
		sed 's/^/    /' cli/err.txt >&2
	fi
}

# Before you start
at 2026-01-05T09:00:00Z
vk init "$J" --method ks-veikart --id NATT-1 --title "Digitalt nattilsyn i hjemmetjenesten" \
	--as "$KARI"
vk assign "$J" "$KARI" prosjekteier --as "$KARI"
vk assign "$J" "$OLA" prosjektleder --as "$KARI"
vk assign "$J" "$INGRID" styringsgruppe --as "$KARI"
vk assign "$J" "$SIRI" gevinstansvarlig --as "$KARI"
at 2026-01-12T10:00:00Z
vk step "$J" for-du-starter beskrive-utfordringsbildet --as "$OLA"
vk set "$J" challenge_described=true work_planned=true --as "$OLA"
at 2026-01-14T10:00:00Z
vk step "$J" for-du-starter forankre-i-ledelsen --as "$KARI"
vk set "$J" anchored_in_management=true need_for_change_understood=true --as "$KARI"
at 2026-01-19T09:00:00Z
vk sign "$J" project_mandate --as "$KARI"
at 2026-01-19T10:00:00Z
vk decide "$J" go --as "$KARI" --why "The challenges are described and anchored with \
management, and the mandate is signed: start the insight work."

# Insight and idea
at 2026-02-02T10:00:00Z
vk step "$J" innsikt-og-ide innsikt --as "$OLA"
vk set "$J" user_insight_gathered=true --as "$OLA"
at 2026-02-09T10:00:00Z
vk attach "$J" target_picture "$ARCHIVE/malbilde.pdf" --as "$OLA" \
	--sha256 606fde36089a8f565fd4073abcda7d3eecffea28b8d112a1b9893ce509654691
at 2026-02-16T10:00:00Z
vk set "$J" pilot_plan_goals=true pilot_plan_scope=true pilot_plan_duration=true \
	pilot_plan_participants=true pilot_plan_information=true pilot_plan_training=true \
	pilot_plan_error_handling=true pilot_plan_measurement=true pilot_plan_observation=true \
	pilot_plan_documentation=true --as "$OLA"
vk step "$J" innsikt-og-ide pilotplan --as "$OLA"
at 2026-02-23T10:00:00Z
vk attach "$J" benefit_plan "$ARCHIVE/gevinstplan.pdf" --as "$SIRI" \
	--sha256 93b9a519f64a0a63b371b0aaa246f506e00dbd1bad738ec19c0bf83ef9345b51
vk step "$J" innsikt-og-ide gevinstrealiseringsplan --as "$SIRI"
if "$veikart" approve "$J" benefit_plan --as "$OLA" >/dev/null 2>cli/err.txt; then
	fail "the project leader approved the benefits plan"
fi
at 2026-02-24T09:00:00Z
vk approve "$J" benefit_plan --as "$KARI"
at 2026-02-25T10:00:00Z
vk attach "$J" baseline_measurement "$ARCHIVE/nullpunkt.xlsx" --as "$SIRI" \
	--sha256 bfe4135ed30244e795179ab7e3b14fa3296463e06d610313cfedaf6e5ebc1d72
vk step "$J" innsikt-og-ide nullpunktsmaling --as "$SIRI"
at 2026-03-02T10:00:00Z
vk decide "$J" go --as "$INGRID" --why "Insight, target picture, pilot plan, an approved \
benefits plan and a baseline are in place. Start the pilot in two home-care districts."

# Development and pilot, round 1
at 2026-03-02T11:00:00Z
vk set "$J" pilot_start=2026-03-09 pilot_participants=24 staff_trained_ratio=55% --as "$OLA"
vk step "$J" utproving gjore-klart --as "$OLA"
vk step "$J" utproving rekruttere --as "$OLA"
at 2026-04-06T10:00:00Z
vk set "$J" active_use_ratio=45% --as "$OLA"
vk step "$J" utproving gjennomfore --as "$OLA"
at 2026-04-20T10:00:00Z
vk set "$J" hours_saved_per_week=4 --as "$SIRI"
vk step "$J" utproving male-underveis --as "$SIRI"
at 2026-05-04T10:00:00Z
vk rate "$J" user_experience medium --as "$OLA"
vk step "$J" utproving observere --as "$OLA"
at 2026-05-11T09:00:00Z
vk attach "$J" pilot_report "$ARCHIVE/pilotrapport-1.pdf" --as "$OLA" \
	--sha256 50d777bfa81ad370a4e2504230b6b6f6a037f2518aadca07acf3b408b6506666
vk step "$J" utproving dokumentere --as "$OLA"
at 2026-05-11T10:00:00Z
vk decide "$J" go --as "$KARI" --why "The round has run ten weeks with 24 participants, and \
use and time saved were measured. Evaluate it."

# Evaluation: blocked, and recycled
at 2026-05-25T10:00:00Z
vk attach "$J" evaluation_report "$ARCHIVE/evaluering-1.pdf" --as "$OLA" \
	--sha256 f843835b151d2efe33881a5b7a719884bef658d1a4acedaac5ef1bc6d1e650ce
vk step "$J" evaluering evaluere --as "$OLA"
at 2026-05-26T09:00:00Z
vk approve "$J" evaluation_report --as "$KARI"
at 2026-06-01T09:00:00Z
"$veikart" status "$J" --lang en >cli/status-blocked.txt 2>&1 || fail "status at the blocked gate"
grep -qF "BLOCKED: 1 must criterion unmet (active_use)" cli/status-blocked.txt ||
	fail "status does not show the blocked evaluation gate"
at 2026-06-01T10:00:00Z
vk decide "$J" recycle --as "$INGRID" --why "Available is not adopted: 45 % active use, and \
55 % of the night staff trained. New pilot round, with training for every night shift before \
the start and a super-user in each team."

# Development and pilot, round 2
at 2026-06-08T10:00:00Z
vk set "$J" pilot_start=2026-06-15 pilot_participants=31 staff_trained_ratio=92% --as "$OLA"
vk step "$J" utproving opplaering --as "$OLA"
at 2026-07-20T10:00:00Z
vk set "$J" active_use_ratio=72% user_experience=high --as "$OLA"
at 2026-08-03T10:00:00Z
vk set "$J" hours_saved_per_week=6.5 --as "$SIRI"
at 2026-08-10T09:00:00Z
vk attach "$J" pilot_report "$ARCHIVE/pilotrapport-2.pdf" --as "$OLA" \
	--sha256 eff89d4387bb4a6fa9c38d389f79e3939b15d4c5938c6f25b9649f3483adb739
at 2026-08-10T10:00:00Z
vk decide "$J" go --as "$KARI" --why "Second round: ten weeks, 31 participants, every night \
shift trained. Evaluate it."

# Evaluation, again
at 2026-08-24T10:00:00Z
vk attach "$J" evaluation_report "$ARCHIVE/evaluering-2.pdf" --as "$OLA" \
	--sha256 ba7cb6bc46c9b1d1e8877364d30b2677dfb4b87454254a198858d3fce5fda7ad
at 2026-08-25T09:00:00Z
vk approve "$J" evaluation_report --as "$KARI"
at 2026-08-31T10:00:00Z
vk step "$J" evaluering sammenligne-med-nullpunkt --as "$SIRI"
at 2026-09-07T10:00:00Z
vk decide "$J" go --as "$INGRID" --why "72 % active use after the second round, 92 % of the \
staff trained, 6.5 hours a week saved against the baseline. Take the service into operation \
across home care."

# Transition to operations
at 2026-09-21T10:00:00Z
vk attach "$J" procurement_documents "$ARCHIVE/anskaffelse.pdf" --as "$OLA" \
	--sha256 c540f17a4f8ba5db506a63bf8b1f435e32883fffcc3d48efb4f3a75b925f31b2
vk step "$J" overgang-til-drift anskaffelser --as "$OLA"
at 2026-10-05T10:00:00Z
vk attach "$J" implementation_plan "$ARCHIVE/implementeringsplan.pdf" --as "$OLA" \
	--sha256 ad86579fdabc53088bf2e4cd4c760004ec90c9043ddd56ebaaa76db90a104d18
vk step "$J" overgang-til-drift implementeringsplan --as "$OLA"
at 2026-10-06T09:00:00Z
vk approve "$J" implementation_plan --as "$KARI"
at 2026-11-02T10:00:00Z
vk set "$J" active_use_ratio=85% operational_readiness=medium --as "$SIRI"
vk step "$J" overgang-til-drift spre-bruken --as "$SIRI"
vk step "$J" overgang-til-drift driftsberedskap --as "$SIRI"
at 2026-11-16T10:00:00Z
vk sign "$J" line_acceptance --as "$SIRI"
vk step "$J" overgang-til-drift overta-i-linjen --as "$SIRI"
at 2026-11-30T10:00:00Z
vk decide "$J" go --as "$KARI" --why "The line has taken over, with 85 % active use and \
operations ready. Close the project; the benefits are followed up in the line."
at 2027-11-30T10:00:00Z
vk set "$J" benefits_followed_up_on=2027-11-30 --as "$SIRI"
vk attach "$J" benefit_report "$ARCHIVE/gevinstrapport-2027.pdf" --as "$SIRI" \
	--sha256 e8fd6bb68323fb0805f99df1069acf0e8f06e32ae0e88c046bd2b5308c6f19d8
vk step "$J" ny-praksis gevinstoppfolging --as "$SIRI"
at 2027-12-06T09:00:00Z
"$veikart" status "$J" --lang en >cli/status-review.txt 2>&1 || fail "veikart status at the review"
grep -qF "REVIEW DUE since 2027-11-30" cli/status-review.txt ||
	fail "status does not flag the yearly review: $(cat cli/status-review.txt)"
at "$END"
vk decide "$J" continue --as "$SIRI" --why "6.5 hours a week saved against the baseline, \
and 85 % still use it. Follow up again next year."
unset VEIKART_NOW

# ---- demo ------------------------------------------------------------------------------
if ! "$veikart" demo --journal "$work/demo/journal.vj" >demo/out.txt 2>demo/err.txt; then
	fail "veikart demo:"
	sed 's/^/    /' demo/err.txt >&2
fi
for text in "BLOCKED: 1 must criterion unmet (active_use)" "refused: approving this evidence" \
	"recycle → utproving" "== Development and pilot (utproving), visit 2 ==" \
	"Status: active" "Next review: Yearly benefit follow-up, due 2028-12-05" \
	"$work/demo/journal.vj (80 events)"; do
	grep -qF -- "$text" demo/out.txt || fail "the demo's story lacks: $text"
done

# ---- what each journal gives ----------------------------------------------------------
for who in api cli demo; do
	j="$who/journal.vj"
	[ -f "$j" ] || { fail "$who wrote no journal"; continue; }
	"$veikart" verify "$j" >"$who/verify.txt" 2>&1 || fail "veikart verify $j: $(cat "$who/verify.txt")"
	"$veikart" snapshot "$j" >"$who/replayed.xml" 2>&1 || fail "veikart snapshot $j"
	"$veikart" log "$j" --lang en >"$who/log.txt" 2>&1 || fail "veikart log $j"
	for format in md html; do
		VEIKART_NOW=$END "$veikart" report "$j" --format "$format" --lang en \
			>"$who/replayed.$format" 2>&1 || fail "veikart report $j --format $format"
	done
done

same() { # same WHAT A B: byte-identical, or a diff
	if [ ! -f "$2" ] || [ ! -f "$3" ]; then
		fail "$1: $2 or $3 is missing"
	elif ! cmp -s "$2" "$3"; then
		fail "$1 differ: $2 $3"
		diff -u "$2" "$3" | head -n 40 >&2
	fi
}

same "journals" api/journal.vj cli/journal.vj
same "journals" api/journal.vj demo/journal.vj
same "snapshots (the API's and its journal replayed)" api/snapshot.xml api/replayed.xml
same "snapshots" api/snapshot.xml cli/replayed.xml
same "snapshots" api/snapshot.xml demo/replayed.xml
same "audit trails" api/log.txt cli/log.txt
same "audit trails" api/log.txt demo/log.txt
same "Markdown reports (the API's and its journal replayed)" api/report.md api/replayed.md
same "Markdown reports" api/report.md cli/replayed.md
same "Markdown reports" api/report.md demo/replayed.md
same "HTML reports (the API's and its journal replayed)" api/report.html api/replayed.html
same "HTML reports" api/report.html cli/replayed.html
same "HTML reports" api/report.html demo/replayed.html

# The comparison means something only if the story is the one told.
grep -qF "decide at g-evaluering: recycle → utproving" api/log.txt ||
	fail "the audit trail has no recycle"
grep -qF "80 events, chain intact" api/verify.txt || fail "verify: $(cat api/verify.txt)"

# ---- docs/cli.md shows what the commands print -----------------------------------------
# doc_block FIRST_LINE: the indented block of docs/cli.md that starts with
# FIRST_LINE, without the command line and the indentation.
doc_block() {
	awk -v first="$1" '
		$0 == first { on = 1; next }
		on && /^[^ ]/ { exit }
		on { sub(/^    /, ""); print }
	' "$src/docs/cli.md" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}
doc_block "    \$ VEIKART_NOW=2026-06-01T09:00:00Z veikart status nattilsyn.vj --lang en" >doc-status.txt
same "docs/cli.md and \`veikart status\` at the blocked gate" doc-status.txt cli/status-blocked.txt
for line in "$(tail -n 1 cli/log.txt)" "$(head -n 1 cli/verify.txt)" "$(sed -n 51p cli/log.txt)" \
	"$(head -n 1 cli/log.txt)" "$(tail -n 1 cli/verify.txt)"; do
	line=${line#"$work/"}
	line=${line/cli\/journal.vj/nattilsyn.vj}
	grep -qF -- "    $line" "$src/docs/cli.md" || fail "docs/cli.md does not show: $line"
done

finish "scenario: api, cli and demo agree (journal, snapshot, audit trail, md and html reports)"
