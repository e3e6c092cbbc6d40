#!/bin/bash
# Two shipped methodologies walked with the veikart tool (the API walks are
# tests/unit/test_variant_denmark_generic.c):
#  - stage-gate: the gatekeepers hold and recycle at gate 3 when the
#    weighted should-score is too low, then go on to launch; a second
#    idea is killed at gate 2 on a killer variable;
#  - statens-it-projektmodel: a project without procurement, where the go
#    at the analysis gate passes over the procurement phase.
# Each story ends with `log` and `verify`.
# Usage: test_variants_denmark_generic.sh VEIKART SOURCE_DIR WORK_DIR
set -u

. "$(dirname "$0")/lib.sh"
veikart=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
unset VEIKART_NOW
# Shipped methodologies are built into the library: found by id.
export VEIKART_PATH=

# ---- Stage-Gate: hold, recycle, go ---------------------------------------------------
name="stage-gate"
j=dispenser.vj
at 2026-01-05T09:00:00Z
v init "$j" --method stage-gate --id SG-1 --title "Smart medication dispenser" --as "Hana Berg"
has out.txt "on stage-gate 2008.1"
v assign "$j" "Hana Berg" project-leader --as "Hana Berg"
v assign "$j" "Ivar Dahl" gatekeepers --as "Hana Berg"
v assign "$j" "Jill Moe" executive-sponsor --as "Hana Berg"

at 2026-01-19T10:00:00Z
v set "$j" strategic_alignment=true technically_plausible=true --as "Hana Berg"
v step "$j" discovery idea --as "Hana Berg"
has out.txt "step discovery/idea done"
v rate "$j" strategic_importance 7 --as "Hana Berg"
refused 1 "$j" rate "$j" strategic_importance 11 --as "Hana Berg"
v status "$j"
has out.txt "Gate gate-1: Gate 1: Idea screen"
has out.txt "READY"
refused 1 "$j" decide "$j" go --why "Fits." --as "Hana Berg"
has err.txt "needs role \`gatekeepers\`"
v decide "$j" go --why "Fits the strategy." --as "Ivar Dahl"
has out.txt "scoping"

at 2026-02-16T10:00:00Z
v set "$j" no_killer_variables=true payback_years=2.5 --as "Hana Berg"
v rate "$j" market_attractiveness 7 --as "Hana Berg"
v rate "$j" technical_feasibility 8 --as "Hana Berg"
v attach "$j" scoping_assessment https://arkiv.example/scoping.pdf --as "Hana Berg"
v decide "$j" go --why "Build the business case." --as "Ivar Dahl"
has out.txt "business-case"

at 2026-04-06T10:00:00Z
v attach "$j" business_case https://arkiv.example/business-case-v1.pdf --as "Hana Berg"
v approve "$j" business_case --as "Ivar Dahl"
v rate "$j" competitive_advantage 4 --as "Hana Berg"
v rate "$j" core_competencies 5 --as "Hana Berg"
v rate "$j" reward_vs_risk 5 --as "Hana Berg"
v status "$j" --lang en
has out.txt "Gate gate-3: Gate 3: Go to development"
has out.txt "BLOCKED: should-score 0.44, needs 0.60"
refused 1 "$j" decide "$j" go --why "Promising." --as "Ivar Dahl"
has err.txt "is not ready for go"
refused 1 "$j" decide "$j" go --override --why "Promising." --as "Ivar Dahl"
has err.txt "needs role \`executive-sponsor\`"
v decide "$j" hold --why "Wait for the market study." --as "Ivar Dahl"
at 2026-05-04T10:00:00Z
v decide "$j" recycle --why "Rework the business case." --as "Ivar Dahl"
has out.txt "recycle"

at 2026-06-01T10:00:00Z
v attach "$j" business_case https://arkiv.example/business-case-v2.pdf --approve --as "Ivar Dahl"
v rate "$j" competitive_advantage 7 --as "Hana Berg"
v rate "$j" reward_vs_risk 6 --as "Hana Berg"
v status "$j"
has out.txt "READY: every must criterion met; should-score 0.89 (needs 0.60)"
v decide "$j" go --why "Go to development." --as "Ivar Dahl"
has out.txt "development"

at 2026-09-07T10:00:00Z
v set "$j" prototype_validated=true --as "Hana Berg"
v attach "$j" test_plan https://arkiv.example/test-plan.pdf --as "Hana Berg"
v decide "$j" go --why "Test it." --as "Ivar Dahl"
at 2026-12-07T10:00:00Z
v set "$j" validation_passed=true --as "Hana Berg"
v attach "$j" launch_plan https://arkiv.example/launch-plan.pdf --approve --as "Ivar Dahl"
v decide "$j" go --why "Launch." --as "Ivar Dahl"
at 2027-06-07T10:00:00Z
v set "$j" results_vs_targets=true lessons_recorded=true --as "Hana Berg"
v decide "$j" go --why "Targets met." --as "Ivar Dahl"
v status "$j"
has out.txt "completed"
has out.txt "in-market"
v log "$j"
has out.txt "decide at gate-3: hold"
has out.txt "decide at gate-3: recycle → business-case"
has out.txt "decide at post-launch-review: go → in-market"
v verify "$j"
has out.txt "chain intact"
has out.txt "every event keeps the rules of stage-gate 2008.1"

# ---- Stage-Gate: kill ----------------------------------------------------------------
name="stage-gate kill"
j=kiosk.vj
at 2026-01-05T09:00:00Z
v init "$j" --method stage-gate --id SG-2 --title "Self-service kiosk" --as "Hana Berg"
v assign "$j" "Ivar Dahl" gatekeepers --as "Hana Berg"
v assign "$j" "Hana Berg" project-leader --as "Hana Berg"
v set "$j" strategic_alignment=true technically_plausible=true --as "Hana Berg"
v rate "$j" strategic_importance 6 --as "Hana Berg"
v decide "$j" go --why "Worth scoping." --as "Ivar Dahl"
at 2026-02-16T10:00:00Z
v set "$j" no_killer_variables=false --as "Hana Berg"
v status "$j"
has out.txt "BLOCKED"
has out.txt "no_killer_variables"
v decide "$j" stop --why "Kill: a certification we cannot get." --as "Ivar Dahl"
has out.txt "killed"
refused 1 "$j" set "$j" payback_years=1 --as "Hana Berg"
has err.txt "stopped"
v verify "$j"

# ---- Statens it-projektmodel, without procurement --------------------------------------------
name="statens-it-projektmodel"
j=selvbetjening.vj
at 2026-01-05T09:00:00Z
v init "$j" --method statens-it-projektmodel --id CPR-7 --title "Ny selvbetjening" --as "Anne Holm"
has out.txt "starting in ide"
v assign "$j" "Anne Holm" projektejer --as "Anne Holm"
v assign "$j" "Bo Lund" projektleder --as "Anne Holm"
v assign "$j" "Carl Friis" styregruppe --as "Anne Holm"
at 2026-01-12T10:00:00Z
v set "$j" idea_described=true budget_mdkk=20 --as "Bo Lund"
v step "$j" ide beskrive-ide --as "Bo Lund"
refused 1 "$j" step "$j" ide styregruppeaftale --as "Bo Lund"
has err.txt "projektejer"
v attach "$j" steering_agreement https://arkiv.example/styregruppeaftale.pdf --as "Anne Holm"
v step "$j" ide styregruppeaftale --as "Anne Holm"
v status "$j" --lang en
has out.txt "Idea phase"
has out.txt "READY"
v decide "$j" go --why "Analyse the idea." --as "Carl Friis"
has out.txt "analyse"

at 2026-02-16T10:00:00Z
v set "$j" benefits_challenged=true benefits_anchored=true change_management_costed=true \
	receiving_organisation_ready=true manager_backs_basis=true steering_owns_risks=true \
	operations_involved=true --as "Bo Lund"
v status "$j" --lang da
has out.txt "Udrulningsstrategien er gennemtænkt"
has out.txt "BLOCKED"
v set "$j" rollout_strategy=true procurement_needed=false --as "Bo Lund"
for doc in project_basis business_case risk_checklist risk_log; do
	v attach "$j" "$doc" "https://arkiv.example/$doc.pdf" --as "Bo Lund"
done
refused 1 "$j" approve "$j" business_case --as "Bo Lund"
has err.txt "needs role \`styregruppe\`"
v approve "$j" project_basis --as "Carl Friis"
v approve "$j" business_case --as "Carl Friis"
v status "$j"
has out.txt "READY"
v decide "$j" go --why "Built in house: nothing to procure." --as "Carl Friis"
has out.txt "gennemfoerelse"
v status "$j" --lang en
has out.txt "Execution phase (gennemfoerelse)"
lacks out.txt "Procurement phase (anskaffelse)"

at 2026-09-01T10:00:00Z
v set "$j" solution_implemented=true handed_to_operations=true --as "Bo Lund"
v decide "$j" go --why "In use and handed over." --as "Carl Friis"
at 2027-03-01T10:00:00Z
v attach "$j" benefit_report https://arkiv.example/gevinster.pdf --approve --as "Anne Holm"
refused 1 "$j" decide "$j" go --why "Done." --as "Carl Friis"
has err.txt "needs role \`projektejer\`"
v decide "$j" go --why "The benefits are realised." --as "Anne Holm"
has out.txt "afsluttet"
v log "$j"
has out.txt "decide at g-analyse: go → gennemfoerelse (Gennemførelsesfase) passing over anskaffelse"
v verify "$j"
has out.txt "chain intact"
has out.txt "every event keeps the rules of statens-it-projektmodel 1.0"

finish "stage-gate and statens-it-projektmodel walked through the tool"
