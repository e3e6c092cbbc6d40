#!/bin/bash
# The shipped Swedish municipal methodologies walked with the veikart tool,
# as a municipality's project office would keep them:
#  - mittkoping: anchoring, needs, a test round with a final report, then a
#    successive rollout that begins with a pilot within the implementation;
#  - boras-mcss: the project group, licensed staff trained before go-live,
#    then management under the monthly working-group review, which
#    `status` flags when it is due and dates after a continue.
# Each story ends with `log` and `verify`.
# Usage: test_variants_municipal.sh VEIKART SOURCE_DIR WORK_DIR
set -u

. "$(dirname "$0")/lib.sh"
veikart=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
unset VEIKART_NOW
# Both methodologies are built into the library.
export VEIKART_PATH=
: "$src"

# ---- Mittköping: from the political decision to a successive rollout ---------------
name="mittkoping"
j=larm.vj
at 2017-09-04
v init "$j" --method mittkoping --id LARM --title "Digitala trygghetslarm" --as "Eva Berg"
v assign "$j" "Eva Berg" forvaltningsledning --as "Eva Berg"
v assign "$j" "Lars Holm" namnd --as "Eva Berg"
v assign "$j" "Nils Åberg" projektledare --as "Eva Berg"

# A: politics decides first.
v set "$j" why_and_benefit_told=true --as "Eva Berg"
refused 1 "$j" decide "$j" go --why "Start now." --as "Eva Berg"
has err.txt "political_decision"
v step "$j" forankring politiskt-beslut --as "Lars Holm"
v sign "$j" political_decision --as "Lars Holm"
v decide "$j" go --why "The committee has decided the direction." --as "Eva Berg"
has out.txt "behov"

# B and C.
v set "$j" focus_areas_decided=true --as "Eva Berg"
v set "$j" citizen_needs_gathered=true "purpose_and_goal=Trygga nätter hemma" --as "Nils Åberg"
v attach "$j" communication_strategy https://mittkoping.example/larm/komm.pdf --as "Nils Åberg"
v status "$j" --lang en
has out.txt "Gate g-behov"
has out.txt "READY"
v decide "$j" go --why "Test the alarms in ordinary operation first." --as "Eva Berg"

# D: a test with a project plan and a final report.
at 2017-10-02
refused 1 "$j" step "$j" test-och-pilot slutrapport --as "Nils Åberg"
has err.txt "comes after step \`folja-upp\`"
v step "$j" test-och-pilot projektplan --as "Nils Åberg"
v attach "$j" pilot_project_plan https://mittkoping.example/larm/plan.pdf --as "Nils Åberg"
v step "$j" test-och-pilot folja-upp --as "Nils Åberg"
v set "$j" pilot_followed_up=true --as "Nils Åberg"
v step "$j" test-och-pilot slutrapport --as "Nils Åberg"
v attach "$j" final_report https://mittkoping.example/larm/slutrapport.pdf --as "Nils Åberg"
v set "$j" broad_rollout_recommended=true --as "Nils Åberg"
v status "$j" --lang en
has out.txt "final_report"
refused 1 "$j" decide "$j" go --why "The report says roll out." --as "Eva Berg"
has err.txt "not ready for go"
v approve "$j" final_report --as "Eva Berg"
v decide "$j" go --why "The final report recommends a broad rollout." --as "Eva Berg"
has out.txt "inforandeplanering"

# E: a successive rollout; wave 1 is the pilot within the implementation.
at 2017-11-06
v unit add "$j" vastra --title "Hemtjänst Västra" --type enhet --wave 1 --as "Nils Åberg"
v unit add "$j" ostra --title "Hemtjänst Östra" --type enhet --wave 2 --as "Nils Åberg"
v unit assign "$j" vastra "Maria Lund" enhetschef --as "Nils Åberg"
v unit assign "$j" ostra "Maria Lund" enhetschef --as "Nils Åberg"
v set "$j" scope_assessed=true critical_routines_decided=true --as "Nils Åberg"
v set "$j" rollout_mode=successivt --as "Eva Berg"
v attach "$j" implementation_plan https://mittkoping.example/larm/inforande.pdf --as "Nils Åberg"
v approve "$j" implementation_plan --as "Eva Berg"
v decide "$j" go --why "Successively, starting with Västra." --as "Eva Berg"
has out.txt "pilot-i-inforandet"
v unit decide "$j" vastra go --why "The pilot unit." --as "Nils Åberg"
refused 1 "$j" unit decide "$j" ostra go --why "Why wait?" --as "Nils Åberg"
has err.txt "its_turn"
v decide "$j" go --why "The pilot runs: a short evaluation." --as "Eva Berg"
at 2017-11-20
v set "$j" "short_evaluation=Larmen når fel nattpatrull" corrections_made=true --as "Nils Åberg"
v decide "$j" go --why "Corrected: full scale." --as "Eva Berg"
has out.txt "fullskaligt-inforande"
# Successive: the second wave waits until the first is in operation.
refused 1 "$j" unit decide "$j" ostra go --why "Full scale now?" --as "Nils Åberg"
has err.txt "Hemtjänst Västra (wave 1, in \`enhet-igang\`)"
v unit set "$j" vastra staff_trained=95% old_methods_replaced=true --as "Maria Lund"
v unit decide "$j" vastra go --why "In everyday use." --as "Maria Lund"
v unit decide "$j" ostra go --why "Second wave." --as "Nils Åberg"
at 2017-12-04
v unit set "$j" ostra staff_trained=92% old_methods_replaced=true --as "Maria Lund"
v unit decide "$j" ostra go --why "In everyday use." --as "Maria Lund"
v decide "$j" go --why "Every unit is in operation." --as "Eva Berg"
v status "$j"
has out.txt "completed"
v log "$j"
has out.txt "decide at g-behov: go"
has out.txt "decide at g-inforandeplanering: go"
has out.txt "unit-add"
v verify "$j"

# ---- Borås: MCSS, then management under a monthly review ----------------------------
name="boras"
j=mcss.vj
at 2018-09-03
v init "$j" --method boras-mcss --id MCSS --title "Digital signering med MCSS" --as "Britt Olsson"
v assign "$j" "Britt Olsson" projektagare --as "Britt Olsson"
v assign "$j" "Hanna Ek" projektledare --as "Britt Olsson"
v assign "$j" "Anders Jonsson" itvoo --as "Britt Olsson"
v assign "$j" "Gun Persson" arbetsgrupp --as "Britt Olsson"
v assign "$j" "Appva utbildare" leverantor --as "Britt Olsson"

# The project group's composition.
v set "$j" project_leader_named=true itvoo_in_group=true unit_managers_in_group=true \
	delegation_leaders_in_group=true --as "Britt Olsson"
v step "$j" projektgrupp projektplan --as "Hanna Ek"
v attach "$j" project_plan https://boras.example/mcss/projektplan.pdf --as "Hanna Ek"
v approve "$j" project_plan --as "Britt Olsson"
v set "$j" weekly_meetings=true --as "Hanna Ek"
v status "$j" --lang en
has out.txt "MAS and MAR take part"
has out.txt "mas_mar: fact \`mas_mar_in_group\` is not recorded"
v set "$j" mas_mar_in_group=true --as "Britt Olsson"
v decide "$j" go --why "The project group is in place." --as "Britt Olsson"
has out.txt "inforande"

# Licensed staff are trained before go-live.
at 2018-11-05
v step "$j" inforande visning --as "Appva utbildare"
v step "$j" inforande utbildning --as "Appva utbildare"
v set "$j" licensed_staff_trained=60% --as "Appva utbildare"
v set "$j" support_via_itvoo=true working_group_formed=true --as "Anders Jonsson"
refused 1 "$j" decide "$j" go --why "Go live." --as "Britt Olsson"
has err.txt "licensed_staff_trained"
at 2019-03-04
v set "$j" licensed_staff_trained=93% super_users=12 --as "Appva utbildare"
v decide "$j" go --why "Licensed staff trained: go live." --as "Britt Olsson"
has out.txt "forvaltning"
v status "$j" --lang en
has out.txt "Gate g-arbetsgrupp"
has out.txt "Gate g-stodanvandartraff"
has out.txt "Recurring review every 30 days; next due 2019-04-03"
has out.txt "Recurring review every 182 days; next due 2019-09-02"

# Overdue: the monthly review is flagged.
at 2019-04-08
v status "$j" --lang en
has out.txt "REVIEW DUE since 2019-04-03 (5 days): decide continue when it passes"
# Two gates: a decision names its gate.
refused 1 "$j" decide "$j" continue --why "Met." --as "Gun Persson"
has err.txt "phase \`forvaltning\` has several gates: say which"
v set "$j" working_group_met_on=2019-04-01 --as "Gun Persson"
v decide "$j" continue --gate g-arbetsgrupp --why "Three requests handled; one to Appva." \
	--as "Gun Persson"
v status "$j" --lang en
has out.txt "Recurring review every 30 days; next due 2019-05-08 (in 30 days)"
lacks out.txt "REVIEW DUE"
v log "$j"
has out.txt "decide at g-arbetsgrupp: continue"
v verify "$j"

finish "municipal methodologies walked through the tool"
