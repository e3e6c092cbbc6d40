#!/bin/bash
# Rollout units through the veikart tool, as a user sees them: `veikart unit`
# and its subcommands (their output and their refusals: the exit status, the
# message, and no event recorded), the rollout in `status`, unit events in
# `log`, `verify` and `report` on a journal with units, the clock, and the
# worked example of docs/cli.md replayed line by line.  The methodology is
# tests/cli/units-method.xml.
# Usage: test_units.sh VEIKART SOURCE_DIR WORK_DIR
set -u

. "$(dirname "$0")/lib.sh"
veikart=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
unset VEIKART_NOW
# The journals name their methodology by id; it is found as units-method.xml.
export VEIKART_PATH="$src/tests/cli"

# The first column of the unit lines of out.txt (after the UNIT header, up to
# the first blank line), space-separated: the order the units are listed in.
listed() {
	awk '/^ *UNIT /{on = 1; next} on && /^ *$/{exit} on {print $1}' out.txt | tr '\n' ' '
}

subcommands="add list status set step assign sign decide"

# ---- help ----------------------------------------------------------------------------
name="help"
run 0 --help
grep -qE "^  unit +" out.txt || fail "veikart --help does not list unit"
run 0 unit --help
has out.txt "usage: veikart unit SUBCOMMAND"
has out.txt "Exit status:"
for sub in $subcommands; do
	grep -qE "^  $sub +" out.txt || fail "veikart unit --help does not list $sub"
done
for sub in $subcommands; do
	run 0 unit "$sub" --help
	has out.txt "veikart unit $sub - "
	has out.txt "usage: veikart unit $sub"
	has out.txt "Exit status:"
	has out.txt "VEIKART_NOW"
	run 0 unit help "$sub"
	has out.txt "usage: veikart unit $sub"
done
for sub in add set step assign sign decide; do
	run 0 unit "$sub" --help
	has out.txt "--as ACTOR"
	has out.txt "back-office"
done
run 0 help unit
has out.txt "usage: veikart unit SUBCOMMAND"
run 2 unit
has err.txt "give a subcommand: add, list, status, set, step, assign, sign or decide"
run 2 unit frobnicate x.vj
has err.txt "no subcommand \`frobnicate\`"
has err.txt "Try \`veikart unit --help\`."

# The guide's table of every command says what each usage line says: every
# option of the synopsis, in the row of the subcommand.
name="docs"
for sub in $subcommands; do
	row=$(grep -F "| \`veikart unit $sub " "$src/docs/cli.md" | tail -n 1)
	[ -n "$row" ] || {
		fail "docs/cli.md does not list veikart unit $sub"
		continue
	}
	"$veikart" unit "$sub" --help | awk 'NR > 2 && /^$/ {exit} NR > 2' |
		grep -oE -- '--[a-z-]+|[A-Z]+=VALUE|JOURNAL|UNIT|PERSON|ROLE|PHASE|STEP|FACT|OUTCOME' |
		sort -u | while read -r word; do
		case "$word" in --method | --path | --help) continue ;; esac
		case "$row" in *"$word"*) ;; *) echo "FAIL: docs: the row of veikart unit $sub lacks $word" >&2 && exit 1 ;; esac
	done || failures=$((failures + 1))
done

# ---- a journal with units --------------------------------------------------------------
name="setup"
R="$work/rollout.vj"
at 2026-01-05T09:00:00Z
run 0 init "$R" --method units-method --id R-1 --title "Rollout" --as Kari
run 0 assign "$R" Kari owner --as Kari
run 0 assign "$R" Ola lead --as Kari

name="unit add"
run 0 unit add "$R" nordby --title "Nordby kommune" --type municipality --as Kari
has out.txt '#4  2026-01-05 09:00  Kari  unit-add nordby "Nordby kommune" (type municipality), starting in preparing (Preparing)'
run 0 unit add "$R" site-01 --title "Sentrum sykehjem" --type site --parent nordby \
	--wave 1 --order 2 --as Kari
has out.txt 'unit-add site-01 "Sentrum sykehjem" (type site, parent nordby, wave 1, order 2), starting in preparing (Preparing)'
run 0 unit add "$R" site-02 --title "Øvre hjemmetjeneste" --type site --parent nordby \
	--wave 1 --order 1 --as Ola
run 0 unit add "$R" site-03 --type site --parent nordby --wave 2 --as Kari
has out.txt "unit-add site-03 (type site, parent nordby, wave 2), starting in preparing"
refused 1 "$R" unit add "$R" site-09 --type site --parent sydby --as Kari
has err.txt "veikart unit add: unit \`site-09\` cannot belong to \`sydby\`: there is no such unit"
refused 1 "$R" unit add "$R" site-01 --type site --parent nordby --as Kari
has err.txt "the initiative already has a unit \`site-01\`"
refused 1 "$R" unit add "$R" site-04 --type site --parent nordby --as Mallory
has err.txt "adding a rollout unit needs a role in the initiative; \`Mallory\` holds none"
refused 1 "$R" unit add "$R" site-04 --type hospital --as Kari
has err.txt "declares no unit type \`hospital\` (it has: municipality, site)"
refused 1 "$R" unit add "$R" site-04 --type site --as Kari
has err.txt "a unit of type \`site\` belongs to a unit of type \`municipality\`: give its parent"
refused 2 "$R" unit add "$R" site-04 --wave first --as Kari
has err.txt "--wave \`first\` is not a whole number from 0"
refused 2 "$R" unit add "$R" site-04
has err.txt "--as PERSON"
refused 2 "$R" unit add "$R" --as Kari
has err.txt "give JOURNAL UNIT"

name="unit assign"
run 0 unit assign "$R" site-01 Per coordinator --as Kari
has out.txt "#8  2026-01-05 09:00  Kari  assign [site-01] Per as coordinator (Site coordinator)"
run 0 unit assign "$R" site-02 Liv coordinator --as Kari
run 0 unit assign "$R" site-03 Eva coordinator --as Kari
run 0 unit assign "$R" nordby Eva coordinator --as Kari
run 0 unit assign "$R" site-01 Tor coordinator --as Per
run 0 unit assign "$R" site-01 Tor coordinator --remove --as Per
has out.txt "unassign [site-01] Tor from coordinator"
refused 1 "$R" unit assign "$R" site-01 Per coordinator --as Kari
has err.txt "already holds role \`coordinator\`"
refused 1 "$R" unit assign "$R" site-99 Per coordinator --as Kari
has err.txt "the initiative has no rollout unit \`site-99\`"
refused 1 "$R" unit assign "$R" site-02 Tor coordinator --remove --as Kari
has err.txt "\`Tor\` does not hold role \`coordinator\` for unit \`site-02\`"
refused 2 "$R" unit assign "$R" site-01 Per --as Kari
has err.txt "give JOURNAL UNIT PERSON ROLE"

# ---- facts ------------------------------------------------------------------------------
name="unit set"
at 2026-01-06T10:00:00Z
run 0 unit set "$R" site-01 users_enabled=40 staff_trained=50% --as Per
has out.txt "#14  2026-01-06 10:00  Per  set [site-01] users_enabled = 40"
has out.txt "set [site-01] staff_trained = 50%"
# All or none: a bad value refuses the good one with it.
refused 1 "$R" unit set "$R" site-01 users_enabled=50 users_active=many --as Per
has err.txt "\`many\` is not a value of fact \`users_active\`"
refused 1 "$R" unit set "$R" site-01 need_described=true --as Per
has err.txt "veikart unit set: fact \`need_described\` is recorded for the whole initiative, not per unit"
has err.txt "the initiative's facts are recorded with \`veikart set JOURNAL FACT=VALUE...\`"
refused 1 "$R" set "$R" users_enabled=40 --as Ola
has err.txt "veikart set: fact \`users_enabled\` is recorded per rollout unit: say which unit"
has err.txt "a unit's facts are recorded with \`veikart unit set JOURNAL UNIT FACT=VALUE...\`"
refused 1 "$R" unit set "$R" site-02 users_enabled=10 --as Per
has err.txt "for unit \`site-02\`"
refused 1 "$R" unit set "$R" site-99 users_enabled=10 --as Kari
has err.txt "no rollout unit \`site-99\`"
refused 2 "$R" unit set "$R" site-01 users_enabled --as Per
has err.txt "\`users_enabled\` is not FACT=VALUE"
refused 2 "$R" unit set "$R" site-01 --as Per
has err.txt "give JOURNAL UNIT FACT=VALUE..."
run 0 unit set "$R" site-02 users_enabled=20 --as Liv
run 0 unit set "$R" site-03 users_enabled=30 --as Eva
run 0 set "$R" need_described=true --as Ola
has out.txt "set need_described = true"

# ---- the unit's status and the list ------------------------------------------------------
name="unit status"
run 0 unit status "$R" site-01
has out.txt "Unit site-01  Sentrum sykehjem"
has out.txt "Initiative:  R-1  Rollout"
has out.txt "Type:        Site (site)"
has out.txt "Part of:     Nordby kommune (nordby)"
has out.txt "Wave:        1, order 2"
has out.txt "Status:      active, as of 2026-01-06 10:00 UTC"
has out.txt "Phase:       Preparing (preparing), 1 day since 2026-01-05, at most 30"
has out.txt "Gate g-preparing: Ready for training"
has out.txt "READY: every must criterion met"
has out.txt "✓ must   Users are enabled"
has out.txt "Decided by: Site coordinator (coordinator): Per (this unit)"
# The refused all-or-none value left the recorded one alone.
has out.txt "Users given the service (users_enabled): 40 persons, by Per, 2026-01-06 10:00"
has out.txt "Users who use it (users_active): not recorded"
has out.txt "[ ] enable-users: Enable the users"
has out.txt "Site coordinator (coordinator): Per (this unit)"
has out.txt "Service owner (owner): Kari"
lacks out.txt "Liv"
lacks out.txt "STALLED"
run 0 unit status "$R" site-03
has out.txt "Wave:        2, no order"
has out.txt "BLOCKED: 1 must criterion unmet (earlier-waves)"
has out.txt "✗ must   Earlier waves are live"
# Who decides depends on the unit: the service owner starts a later wave.
has out.txt "Decided by: Service owner (owner): Kari"
has out.txt "Site coordinator (coordinator): Eva (this unit)"
run 1 unit status "$R" site-99
has err.txt "the initiative has no rollout unit \`site-99\`"
run 2 unit status "$R"
has err.txt "give JOURNAL UNIT"

name="unit list"
run 0 unit list "$R"
has_line out.txt "UNIT +TITLE +TYPE +PARENT +WAVE +PHASE +DAYS +STATUS +NEXT GATE"
# By wave, then order (site-02 has order 1), then as added; no wave last.
[ "$(listed)" = "site-02 site-01 site-03 nordby " ] || fail "units listed in the order: $(listed)"
has_line out.txt "site-02 +Øvre hjemmetjeneste +site +nordby +1 +preparing +1 +active +g-preparing ready: every must criterion met"
has_line out.txt "site-03 +site-03 +site +nordby +2 +preparing +1 +active +g-preparing blocked: 1 must criterion unmet \(earlier-waves\)"
has_line out.txt "nordby +Nordby kommune +municipality +- +- +preparing +1 +active +g-preparing incomplete: 1 must criterion unknown \(enabled\)"
has out.txt "4 units, by phase:"
has_line out.txt "  Preparing \(preparing\) +4"
has_line out.txt "  Training \(training\) +0"
run 0 unit list "$R" --wave 1
[ "$(listed)" = "site-02 site-01 " ] || fail "--wave 1 listed: $(listed)"
has out.txt "2 units, by phase:"
run 0 unit list "$R" --type municipality
[ "$(listed)" = "nordby " ] || fail "--type municipality listed: $(listed)"
run 0 unit list "$R" --phase live
has out.txt "No unit of the 4 matches."
run 1 unit list "$R" --phase planning
has err.txt "--phase planning: units-method has no unit phase \`planning\` (its unit phases are: preparing, training, live, established)"
run 1 unit list "$R" --type hospital
has err.txt "declares no unit type \`hospital\` (it has: municipality, site)"
run 2 unit list "$R" --wave -1
has err.txt "--wave \`-1\` is not a whole number from 0"

# ---- decisions and steps ------------------------------------------------------------------
name="unit decide"
at 2026-01-07T10:00:00Z
refused 1 "$R" unit decide "$R" nordby go --why "Go" --as Eva
has err.txt "veikart unit decide: gate \`g-preparing\` for unit \`nordby\` is not ready for go: incomplete: 1 must criterion unknown (enabled)"
has err.txt "\`users_enabled\` is not recorded"
has err.txt "to go on anyway, decide with an override and a rationale"
refused 1 "$R" unit decide "$R" site-03 go --why "Go" --as Eva
has err.txt "deciding at this gate needs role \`owner\`; \`Eva\` holds coordinator for unit \`site-03\`"
refused 1 "$R" unit decide "$R" site-03 go --why "Go" --as Kari
has err.txt "gate \`g-preparing\` for unit \`site-03\` is not ready for go: blocked: 1 must criterion unmet (earlier-waves)"
has err.txt "Sentrum sykehjem (wave 1, in \`preparing\`)"
refused 1 "$R" unit decide "$R" site-01 go --why "Go" --as Ola
has err.txt "deciding at this gate needs role \`coordinator\`; \`Ola\` holds lead for unit \`site-01\`"
refused 1 "$R" unit decide "$R" site-01 go --why "Go" --as Liv
has err.txt "needs role \`coordinator\`"
refused 2 "$R" unit decide "$R" site-01 go --as Per
has err.txt "--why TEXT"
refused 2 "$R" unit decide "$R" site-01 onwards --why "x" --as Per
has err.txt "\`onwards\` is not an outcome"
refused 1 "$R" unit decide "$R" site-99 go --why "x" --as Per
has err.txt "no rollout unit \`site-99\`"
run 0 unit decide "$R" site-01 go --why "Forty users enabled" --as Per
has out.txt "decide [site-01] at g-preparing: go → training (Training); gate ready; why: \"Forty users enabled\""
has_line out.txt "Unit site-01 is now in training\."
lacks out.txt "The initiative is now"
# The initiative's own decision still speaks of the initiative.
run 0 decide "$R" go --why "The need is described" --as Kari
has out.txt "The initiative is now active in planning."

name="unit step"
refused 1 "$R" unit step "$R" site-01 training hang-screens --as Per
has err.txt "veikart unit step: step \`hang-screens\` comes after step \`train-staff\`, which unit \`site-01\` has not done yet in this phase"
refused 1 "$R" unit step "$R" site-01 training train-staff --as Ola
has err.txt "this step needs role \`coordinator\`; \`Ola\` holds lead for unit \`site-01\`"
refused 1 "$R" unit step "$R" site-01 preparing enable-users --as Per
has err.txt "step \`enable-users\` belongs to phase \`preparing\`, but unit \`site-01\` is in \`training\`"
refused 2 "$R" unit step "$R" site-01 train-staff --as Per
has err.txt "give JOURNAL UNIT PHASE STEP"
run 0 unit step "$R" site-01 training train-staff --as Per
has out.txt "step [site-01] training/train-staff done (Train the staff)"
run 0 unit step "$R" site-01 training hang-screens --as Ola
has out.txt "Ola  step [site-01] training/hang-screens done (Hang the screens)"
refused 1 "$R" unit step "$R" site-01 training hang-screens --as Ola
has err.txt "already done"

name="unit sign"
refused 1 "$R" unit decide "$R" site-01 go --why "Trained" --as Per
has err.txt "is not ready for go: blocked: 2 must criteria unmet"
refused 1 "$R" unit sign "$R" site-01 site_ready --as Ola
has err.txt "signing this off needs role \`coordinator\`"
refused 1 "$R" unit sign "$R" site-01 staff_trained --as Per
has err.txt "not a sign-off"
run 0 unit sign "$R" site-01 site_ready --as Per
has out.txt "sign [site-01] site_ready"
run 0 unit set "$R" site-01 staff_trained=90% --as Per
run 0 unit status "$R" site-01
has out.txt "Phase:       Training (training), 0 days since 2026-01-07"
has out.txt "The site coordinator signs that the site is ready (site_ready): signed by Per, 2026-01-07 10:00"
has out.txt "[x] train-staff: Train the staff; role coordinator"
has out.txt "[x] hang-screens: Hang the screens; after train-staff"
has out.txt "Decisions at the unit's gates:"
has out.txt "Per  decide [site-01] at g-preparing: go → training (Training); gate ready"
run 0 unit decide "$R" site-01 go --why "Trained and signed" --as Per
has_line out.txt "Unit site-01 is now in live\."

# ---- the clock: days in phase, stalls, order of events ---------------------------------------
name="the clock"
VEIKART_NOW=2026-01-06T09:00:00Z "$veikart" unit set "$R" site-02 users_active=5 --as Liv \
	>out.txt 2>err.txt
[ $? -eq 1 ] || fail "a unit event earlier than the last one was accepted"
has err.txt "earlier than the last event"
# site-03 entered preparing on 2026-01-05 09:00, and may stay 30 days.
at 2026-02-04T09:00:00Z
run 0 status "$R"
has_line out.txt "  site-03 +2 +preparing +30 +g-preparing blocked: 1 must criterion unmet \(earlier-waves\)"
lacks out.txt "STALLED"
at 2026-02-05T09:00:00Z
run 0 status "$R"
has_line out.txt "  site-03 +2 +preparing +31 STALLED +g-preparing blocked: 1 must criterion unmet \(earlier-waves\)"
run 0 unit status "$R" site-03
has out.txt "STALLED: 31 days in Preparing, more than the 30 the methodology allows."
run 0 unit list "$R" --wave 1
has_line out.txt "site-01 +Sentrum sykehjem +site +nordby +1 +live +29 +active +g-live incomplete: 1 must criterion unknown \(used\)"

# ---- the initiative's status and its rollout gate -------------------------------------------
name="status"
run 0 status "$R"
has out.txt "Rollout: 4 units (\`veikart unit status JOURNAL UNIT\` for one)"
has_line out.txt "  Preparing \(preparing\) +3"
has_line out.txt "  Live \(live\) +1"
has_line out.txt "  UNIT +WAVE +PHASE +DAYS +NEXT GATE"
has out.txt "Site coordinator (coordinator): nobody; and 4 for single units"
run 0 set "$R" rollout_planned=true --as Ola
run 0 decide "$R" go --why "Planned" --as Kari
has out.txt "The initiative is now active in rollout."
run 0 status "$R"
has out.txt "Gate g-rollout: Rolled out: into operation"
has out.txt "BLOCKED"
has out.txt "✗ must   At least 90 % of the units are live"
has out.txt "? must   On average at least 60 % of the enabled users use it"

# Every unit goes live: the roll-ups come true, one unit at a time.
name="rollout"
run 0 unit decide "$R" site-02 go --why "Enabled" --as Liv
run 0 unit step "$R" site-02 training train-staff --as Liv
run 0 unit set "$R" site-02 staff_trained=80% --as Liv
run 0 unit sign "$R" site-02 site_ready --as Liv
run 0 unit decide "$R" site-02 go --why "Trained" --as Liv
has out.txt "Unit site-02 is now in live."
# With wave 1 live, wave 2 may start.
run 0 unit status "$R" site-03
has out.txt "✓ must   Earlier waves are live"
run 0 unit decide "$R" site-03 go --why "Wave 1 is live" --as Kari
run 0 unit set "$R" site-03 staff_trained=100% --as Eva
run 0 unit sign "$R" site-03 site_ready --as Eva
run 0 unit decide "$R" site-03 go --why "Trained" --as Eva
run 0 unit set "$R" nordby users_enabled=5 staff_trained=1 --as Eva
run 0 unit decide "$R" nordby go --why "Enabled" --as Eva
run 0 unit sign "$R" nordby site_ready --as Eva
run 0 unit decide "$R" nordby go --why "Trained" --as Eva
run 0 status "$R"
has out.txt "✓ must   At least 90 % of the units are live"
has out.txt "? must   On average at least 60 % of the enabled users use it"
run 0 unit set "$R" site-01 users_active=30 --as Per
run 0 unit set "$R" site-02 users_active=12 --as Liv
run 0 unit set "$R" site-03 users_active=18 --as Eva
run 0 unit set "$R" nordby users_active=1 --as Eva
run 0 status "$R"
has out.txt "✗ must   On average at least 60 % of the enabled users use it"
run 0 unit set "$R" nordby users_active=4 --as Eva
run 0 status "$R"
has out.txt "READY: every must criterion met"
has_line out.txt "  Live \(live\) +4"

# A unit at its end, and the rollout that ends the initiative.
name="the end"
refused 1 "$R" unit decide "$R" site-02 go --why "Used" --as Liv
has err.txt "deciding at this gate needs role \`owner\`"
run 0 unit decide "$R" site-01 go --why "75 % use it" --as Kari
has_line out.txt "Unit site-01 is now in established \(completed\)\."
run 0 unit status "$R" site-01
has out.txt "Unit site-01 has reached its end: it is in Established, where no gate leads on."
run 0 unit list "$R" --phase established
has_line out.txt "site-01 +Sentrum sykehjem +site +nordby +1 +established +0 +completed +completed"
run 0 decide "$R" go --why "Every unit is live and used" --as Kari
has out.txt "The initiative is now completed in operation."

# ---- log, verify, report ----------------------------------------------------------------------
name="log"
run 0 log "$R"
has out.txt "#5  2026-01-05 09:00  Kari  unit-add site-01 \"Sentrum sykehjem\" (type site, parent nordby, wave 1, order 2), starting in preparing (Preparing)"
has out.txt "#8  2026-01-05 09:00  Kari  assign [site-01] Per as coordinator (Site coordinator)"
has out.txt "#14  2026-01-06 10:00  Per  set [site-01] users_enabled = 40"
has out.txt "Per  step [site-01] training/train-staff done (Train the staff)"
has out.txt "Per  sign [site-01] site_ready"
has out.txt "Per  decide [site-01] at g-training: go → live (Live); gate ready; why: \"Trained and signed\""
has out.txt "Kari  decide at g-rollout: go → operation (Operation); gate ready"
[ "$(grep -c '^#' out.txt)" = "$(events "$R")" ] || fail "log has not one line per event"
# Without the methodology the trail still names the units, without labels.
VEIKART_PATH= "$veikart" log "$R" >out.txt 2>err.txt || fail "log without the methodology failed"
has out.txt "unit-add site-01 \"Sentrum sykehjem\" (type site, parent nordby, wave 1, order 2)"
lacks out.txt "starting in preparing"
has out.txt "set [site-01] users_enabled = 40"
has err.txt "its labels are left out"

name="verify"
n=$(events "$R")
run 0 verify "$R"
has out.txt "$R: $n events, chain intact"
has out.txt "every event keeps the rules of units-method 1.0"
# An event about a unit that was never added, with freshly computed hashes.
head_hash=$("$veikart" log "$R" | sed -n 's/^head \([0-9a-f]*\) .*/\1/p')
cp "$R" forged.vj
last_time=$(tail -n 1 forged.vj | cut -f2)
body=$(printf '%s\t%s\tset\tKari\tunit=site-99\tfact=users_active\tvalue=99\tprev=%s' \
	"$((n + 1))" "$last_time" "$head_hash")
hash=$(printf '%s' "$body" | sha256sum | cut -c1-64)
printf '%s\thash=%s\n' "$body" "$hash" >>forged.vj
run 1 verify forged.vj
has err.txt "the chain is intact, but event $((n + 1)) (set by \`Kari\`)"
has err.txt "no rollout unit \`site-99\`"

name="report"
run 0 report "$R" --format md
has out.txt "## Rollout"
has out.txt "Sentrum sykehjem"
has out.txt "Decisions at the units' gates"
# In rollout order: by wave, then order (site-02 has order 1), no wave last;
# on the board a row per wave, the same way.
order=$(sed -n '/^### Units/,/^## /p' out.txt | grep -oE '^\| ([^|(]*\()?(site-0[0-9]|nordby)' |
	grep -oE '(site-0[0-9]|nordby)$' | tr '\n' ' ')
[ "$order" = "site-02 site-01 site-03 nordby " ] || fail "the report lists the units as: $order"
waves=$(grep -oE '^\| (1|2|none) \|' out.txt | tr -d '| ' | tr '\n' ' ')
[ "$waves" = "1 2 none " ] || fail "the report's board has the waves as: $waves"
run 0 report "$R" --format html --output report.html
grep -q "Sentrum sykehjem" report.html || fail "the HTML report does not show the units"

# ---- a journal without units ----------------------------------------------------------------
name="no units"
P="$work/plain.vj"
at 2026-01-05T09:00:00Z
run 0 init "$P" --method units-method --id P-1 --title Plain --as Kari
run 0 unit list "$P"
has out.txt "has no rollout units yet; add them with \`veikart unit add\`"
run 0 status "$P"
lacks out.txt "Rollout:"
lacks out.txt "UNIT"
run 0 init ks.vj --id K-1 --title "No unit phases" --as Kari
run 0 assign ks.vj Kari prosjekteier --as Kari
refused 1 ks.vj unit add ks.vj site-01 --as Kari
has err.txt "has no phases walked per unit"

name="a stopped unit"
run 0 assign "$P" Kari coordinator --as Kari
run 0 unit add "$P" a --wave 1 --as Kari
run 0 unit add "$P" b --wave 1 --as Kari
run 0 unit decide "$P" b stop --why "The site closes" --as Kari
has_line out.txt "Unit b is now in preparing \(stopped\)\."
refused 1 "$P" unit set "$P" b users_enabled=3 --as Kari
has err.txt "unit \`b\` is stopped"
run 0 unit list "$P"
has_line out.txt "b +b +- +- +1 +preparing +0 +stopped +stopped"
has_line out.txt "  Preparing \(preparing\) +1"
has_line out.txt "  stopped +1"

# ---- the worked example of docs/cli.md, section 7 ---------------------------------------------
# Each `    $ COMMAND` line (with its continuations) is run in order; the
# indented lines after it that are not `…` must each be a line it printed.
name="docs/cli.md example"
mkdir -p docs-example
ln -s "$src/tests" docs-example/tests
awk '/^## 7\. Rollout units/ {on = 1; next} on && /^## / {exit} on' "$src/docs/cli.md" \
	>docs-example/section.md
[ -s docs-example/section.md ] || fail "docs/cli.md has no section 7. Rollout units"
(
	cd docs-example || exit 1
	veikart() { "$veikart" "$@"; }
	unset VEIKART_PATH VEIKART_NOW
	cmd=""
	cont=0
	ran=0
	bad=0
	expected=()
	check() {
		[ -n "$cmd" ] || return 0
		eval "$cmd" >cmd-out.txt 2>&1
		ran=$((ran + 1))
		for want in "${expected[@]}"; do
			grep -qxF -- "$want" cmd-out.txt || {
				echo "FAIL: docs/cli.md: \`$cmd\` did not print: $want" >&2
				sed 's/^/    got: /' cmd-out.txt | head -n 8 >&2
				bad=$((bad + 1))
			}
		done
		cmd=""
		expected=()
	}
	while IFS= read -r line; do
		if [ "$cont" = 1 ]; then
			line="${line#"${line%%[! ]*}"}"
			cmd="${cmd%\\}$line"
			case "$line" in *\\) cont=1 ;; *) cont=0 ;; esac
		elif [[ "$line" == '    $ '* ]]; then
			check
			cmd="${line#    \$ }"
			case "$cmd" in *\\) cont=1 ;; *) cont=0 ;; esac
		elif [[ "$line" == '    '* ]]; then
			[[ "$line" == *…* ]] || expected+=("${line#    }")
		elif [ -n "$line" ]; then
			check
		fi
	done <section.md
	check
	[ "$ran" -ge 10 ] || {
		echo "FAIL: docs/cli.md: only $ran commands in the example" >&2
		bad=$((bad + 1))
	}
	exit "$bad"
) || failures=$((failures + 1))
unset VEIKART_NOW

finish "rollout units: all checks passed"
