#!/bin/bash
# The Norwegian and Swedish methodologies walked with the veikart tool:
#  - skr-inforandebeslut: SKR's introduction decision on a decision basis;
#    the DPIA must be approved by the personal data controller first;
#  - ks-veikart-pv: the Veikart with Prosjektveiviseren's decision points;
#    top management takes BP1, the project owner BP3 and BP5;
#  - se-nationell-metod: a stalled pilot, run past its time box, shown by
#    `veikart status`.
# Each walk ends with `status`, `log` and `verify`.
# Usage: test_variants_norway_sweden.sh VEIKART SOURCE_DIR WORK_DIR
set -u

. "$(dirname "$0")/lib.sh"
veikart=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
unset VEIKART_NOW
[ -d "$src/methodologies" ] || exit 1

# ---- SKR: the introduction decision ------------------------------------------------
name="skr-inforandebeslut"
j=tillsyn.vj
at 2026-02-02
v init "$j" --method skr-inforandebeslut --id TILLSYN-1 --title "Digital tillsyn" --as "Anna Ek"
v assign "$j" "Nämnden" beslutsfattare --as "Anna Ek"
v assign "$j" "Anna Ek" verksamhetsansvarig --as "Anna Ek"
v assign "$j" "Erik Lund" utredare --as "Anna Ek"
v assign "$j" "Maria Berg" personuppgiftsansvarig --as "Anna Ek"
v assign "$j" "Sofia Holm" nyttoansvarig --as "Anna Ek"
v step "$j" infor-beslut behovsanalys --as "Erik Lund"
v attach "$j" needs_and_current_state https://kommun.example/nulage.pdf --as "Erik Lund"
v attach "$j" benefit_calculation https://kommun.example/nyttokalkyl.xlsx --as "Erik Lund"
v attach "$j" feasibility_and_risk https://kommun.example/risk.pdf --as "Erik Lund"
v attach "$j" security_assessment https://kommun.example/klassning.pdf --as "Erik Lund"
v set "$j" purpose_stated=true stakeholders_analysed=true --as "Erik Lund"
v attach "$j" dpia https://kommun.example/dpia.pdf --as "Erik Lund"
v sign "$j" introduction_decision --as "Nämnden"
v status "$j" --lang sv
has out.txt "Inför beslut om införande"
has out.txt "dpia_approved"
# The analyst who wrote the DPIA does not approve it.
refused 1 "$j" approve "$j" dpia --as "Erik Lund"
has err.txt "personuppgiftsansvarig"
refused 1 "$j" decide "$j" go --why "Underlaget är klart?" --as "Nämnden"
has err.txt "is not ready for go"
has err.txt "dpia_approved"
v approve "$j" dpia --as "Maria Berg"
at 2026-03-16
v decide "$j" go --why "Införandebeslut fattat." --as "Nämnden"
has out.txt "planera"

v set "$j" information_classified=true target_group_and_legal_basis=true processes_mapped=true \
	fallback_routine=true access_control=true --as "Anna Ek"
v attach "$j" benefits_realisation_plan https://kommun.example/nrp.pdf --as "Sofia Holm"
v approve "$j" benefits_realisation_plan --as "Anna Ek"
at 2026-05-04
v decide "$j" go --why "Planen är klar." --as "Anna Ek"
has out.txt "infora"

v set "$j" installation_routine=true care_plan_routine=true staff_trained_ratio=70% --as "Anna Ek"
refused 1 "$j" decide "$j" go --why "Klart?" --as "Anna Ek"
has err.txt "staff_trained"
at 2026-09-07
v set "$j" staff_trained_ratio=92% --as "Anna Ek"
v set "$j" active_use_ratio=65% --as "Sofia Holm"
v decide "$j" go --why "Över i förvaltning." --as "Anna Ek"
has out.txt "forvalta"
at 2027-09-13
v set "$j" benefits_followed_up_on=2027-09-01 --as "Sofia Holm"
v decide "$j" continue --why "Nyttan följd upp." --as "Sofia Holm"
v status "$j" --lang sv
has out.txt "Förvalta (forvalta)"
has out.txt "Status:      active"
v log "$j"
has out.txt "dpia"
v verify "$j"

# ---- Prosjektveiviseren on the Veikart: BP1-BP5 --------------------------------------
name="ks-veikart-pv"
j=pv.vj
at 2026-01-05
v init "$j" --method ks-veikart-pv --id PV-1 --title "Medisineringsstøtte" --as "Kari Dahl"
v assign "$j" "Kari Dahl" prosjekteier --as "Kari Dahl"
v assign "$j" "Rådmann" virksomhetsledelse --as "Kari Dahl"
v assign "$j" "Ola Hansen" prosjektleder --as "Kari Dahl"
v assign "$j" "Styret" styringsgruppe --as "Kari Dahl"
v assign "$j" "Liv Berg" gevinstansvarlig --as "Kari Dahl"
v set "$j" challenge_described=true work_planned=true --as "Ola Hansen"
v set "$j" anchored_in_management=true need_for_change_understood=true --as "Kari Dahl"
v sign "$j" project_mandate --as "Kari Dahl"
v sign "$j" concept_mandate --as "Rådmann"
v status "$j" --lang en
has out.txt "BP1: mandate for the concept phase"
# BP1 is top management's decision, not the project owner's.
refused 1 "$j" decide "$j" go --why "BP1" --as "Kari Dahl"
has err.txt "virksomhetsledelse"
at 2026-02-02
v decide "$j" go --why "BP1: the concept phase may start." --as "Rådmann"

v set "$j" user_insight_gathered=true pilot_plan_goals=true pilot_plan_scope=true \
	pilot_plan_duration=true pilot_plan_participants=true pilot_plan_information=true \
	pilot_plan_training=true pilot_plan_error_handling=true pilot_plan_measurement=true \
	pilot_plan_observation=true pilot_plan_documentation=true --as "Ola Hansen"
v attach "$j" target_picture https://kommune.example/malbilde.pdf --as "Ola Hansen"
v attach "$j" project_proposal https://kommune.example/forslag.pdf --as "Kari Dahl"
v approve "$j" project_proposal --as "Rådmann"
v sign "$j" project_owner_appointed --as "Rådmann"
v set "$j" "benefit_owner_named=Liv Berg" --as "Kari Dahl"
v attach "$j" governing_document https://kommune.example/styring.pdf --as "Ola Hansen"
v approve "$j" governing_document --as "Kari Dahl"
v attach "$j" benefit_plan https://kommune.example/gevinstplan.pdf --as "Liv Berg"
v approve "$j" benefit_plan --as "Kari Dahl"
# The baseline is binding at BP2/BP3.
refused 1 "$j" decide "$j" go --why "BP3" --as "Kari Dahl"
has err.txt "baseline_measured"
v attach "$j" baseline_measurement https://kommune.example/nullpunkt.xlsx --as "Liv Berg"
at 2026-03-02
v decide "$j" go --why "BP3: execution may start." --as "Kari Dahl"
has out.txt "utproving"

v set "$j" pilot_start=2026-03-09 pilot_participants=12 staff_trained_ratio=90% --as "Ola Hansen"
at 2026-05-11
v set "$j" active_use_ratio=68% --as "Ola Hansen"
v rate "$j" user_experience high --as "Ola Hansen"
v set "$j" hours_saved_per_week=4.5 --as "Liv Berg"
v attach "$j" pilot_report https://kommune.example/pilot.pdf --as "Ola Hansen"
v decide "$j" go --why "Evaluate the round." --as "Kari Dahl"
v attach "$j" evaluation_report https://kommune.example/evaluering.pdf --as "Ola Hansen"
v approve "$j" evaluation_report --as "Kari Dahl"
at 2026-06-01
v decide "$j" go --why "Into operation." --as "Styret"
has out.txt "overgang-til-drift"

v attach "$j" implementation_plan https://kommune.example/impl.pdf --as "Ola Hansen"
v approve "$j" implementation_plan --as "Kari Dahl"
v sign "$j" line_acceptance --as "Liv Berg"
v set "$j" active_use_ratio=83% --as "Liv Berg"
refused 1 "$j" decide "$j" go --why "BP5" --as "Kari Dahl"
has err.txt "bp5_final_report"
v attach "$j" final_report https://kommune.example/sluttrapport.pdf --as "Ola Hansen"
v approve "$j" final_report --as "Kari Dahl"
at 2026-10-05
v decide "$j" go --why "BP5: the project is closed." --as "Kari Dahl"
has out.txt "ny-praksis"
v status "$j" --lang en
has out.txt "New practice (ny-praksis)"
has out.txt "Recurring review"
v log "$j"
has out.txt "BP5: the project is closed."
v verify "$j"

# ---- se-nationell-metod: a stalled pilot ---------------------------------------------
name="stalled pilot"
j=natt.vj
at 2026-01-12
v init "$j" --method se-nationell-metod --id NATT-1 --title "Digital nattillsyn" --as "Eva Ström"
v assign "$j" "Eva Ström" prosjekteier --as "Eva Ström"
v assign "$j" "Nils Ek" prosjektleder --as "Eva Ström"
v assign "$j" "Styrgruppen" styringsgruppe --as "Eva Ström"
v assign "$j" "Sara Lind" gevinstansvarlig --as "Eva Ström"
v set "$j" challenge_described=true work_planned=true --as "Nils Ek"
v set "$j" anchored_in_management=true need_for_change_understood=true --as "Eva Ström"
v sign "$j" project_mandate --as "Eva Ström"
at 2026-02-02
v decide "$j" go --why "Direktivet är undertecknat." --as "Eva Ström"
v set "$j" user_insight_gathered=true pilot_plan_goals=true pilot_plan_scope=true \
	pilot_plan_duration=true pilot_plan_participants=true pilot_plan_information=true \
	pilot_plan_training=true pilot_plan_error_handling=true --as "Nils Ek"
v attach "$j" target_picture https://kommun.example/malbild.pdf --as "Nils Ek"
v attach "$j" benefit_plan https://kommun.example/nyttoplan.pdf --as "Sara Lind"
v approve "$j" benefit_plan --as "Eva Ström"
v attach "$j" baseline_measurement https://kommun.example/nollmatning.xlsx --as "Sara Lind"
at 2026-03-02
v decide "$j" go --why "Starta piloten." --as "Styrgruppen"
v step "$j" utproving gjore-klart --as "Nils Ek"
v set "$j" pilot_start=2026-03-09 pilot_participants=18 --as "Nils Ek"
# Within the time box, no warning.
at 2026-08-28
v status "$j" --lang sv
has out.txt "Pilotering (utproving), 179 days since 2026-03-02, at most 180"
lacks out.txt "STALLED"
# Past it: the pilot has stalled.
at 2026-09-14
v status "$j" --lang sv
has out.txt "Pilotering (utproving), 196 days since 2026-03-02, at most 180"
has out.txt "STALLED: 196 days in Pilotering, more than the 180 the methodology allows."
v status "$j" --lang en
has out.txt "STALLED: 196 days in Piloting"
v log "$j"
has out.txt "Starta piloten."
v verify "$j"

finish "Norwegian and Swedish methodologies walked through the tool"
