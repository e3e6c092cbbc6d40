#!/bin/bash
# The rollout stories of tests/unit/test_rollout.c told with the veikart
# tool, as a programme office would keep them, on the shipped
# methodologies silkeborg-ibg and esset (built into the library):
#  - Silkeborg: 30 facilities at once; the screens go up only after the
#    training; the project closes when the facilities are live and used;
#  - Esset: seven service areas in the decided order; an area that starts
#    before its turn is refused, with the area it waits for named.
# Each story ends with `verify`, the log, the list and the report.
# Usage: test_rollout.sh VEIKART SOURCE_DIR WORK_DIR
set -u

. "$(dirname "$0")/lib.sh"
veikart=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
unset VEIKART_NOW
# Journals name their methodology by id; both are built in.
export VEIKART_PATH=

site() { printf 'tilbud-%02d' "$1"; }
leader() { printf 'Leder %02d' "$1"; }

# ---- Silkeborg: thirty facilities at once ------------------------------------------
name="silkeborg"
j=ibg.vj
at 2018-03-05
v init "$j" --method silkeborg-ibg --id IBG-2018 --title "IBG-platformen på dag- og botilbud" \
	--as "Mette Holm"
v assign "$j" "Mette Holm" projektejer --as "Mette Holm"
v assign "$j" "Jens Vang" udviklingskonsulent --as "Mette Holm"
v assign "$j" "Lise Kragh" leverandoer --as "Mette Holm"
at 2018-03-12
v set "$j" staff_involved=true supplier_involved=true --as "Jens Vang"
v decide "$j" go --why "The staff chose the platform, which already runs at four facilities." \
	--as "Mette Holm"
at 2018-04-09
v attach "$j" implementation_plan https://silkeborg.example/ibg/implementeringsplan.pdf \
	--as "Jens Vang"
v approve "$j" implementation_plan --as "Mette Holm"
v set "$j" training_adapted=true --as "Lise Kragh"
at 2018-04-16
# Learning points 3 to 5 are not on record yet.
refused 1 "$j" decide "$j" go --why "Roll out now." --as "Mette Holm"
has err.txt "ready_to_react"
v set "$j" information_plan=true problem_response_ready=true --as "Jens Vang"
v set "$j" supplier_best_practice=true --as "Lise Kragh"
v decide "$j" go --why "Roll out to all 30 facilities this summer." --as "Mette Holm"
has out.txt "udrulning"

at 2018-04-17
for i in $(seq 1 30); do
	if [ $((i % 3)) -eq 0 ]; then type=dagtilbud; title="Dagtilbud $i"; else type=botilbud; title="Botilbud $i"; fi
	v unit add "$j" "$(site "$i")" --title "$title" --type "$type" --wave 1 --as "Jens Vang"
	v unit assign "$j" "$(site "$i")" "$(leader "$i")" leder --as "Jens Vang"
done
refused 1 "$j" unit add "$j" tilbud-31 --type plejehjem --as "Jens Vang"
has err.txt "declares no unit type \`plejehjem\`"
v status "$j" --lang en
has out.txt "Rollout"
has out.txt "0 of 30"

at 2018-05-07
for i in $(seq 1 30); do
	v unit set "$j" "$(site "$i")" kickoff_held=true superusers=2 --as "Jens Vang"
	v unit decide "$j" "$(site "$i")" go --why "Kick-off held; two super users." --as "Jens Vang"
done
has out.txt "Unit tilbud-30 is now in"
# The screens go up after the training, not before.
refused 1 "$j" unit step "$j" tilbud-01 undervisning skaerme-op --as "Leder 01"
has err.txt "step \`skaerme-op\` comes after step \`undervisning\`"
# One facility's leader does nothing at another.
refused 1 "$j" unit set "$j" tilbud-01 screens_up=true --as "Leder 02"
has err.txt "for unit \`tilbud-01\`"

at 2018-05-22
for i in $(seq 1 30); do
	v unit step "$j" "$(site "$i")" undervisning undervisning --as "Lise Kragh"
	if [ "$i" -gt 26 ]; then trained=70%; else trained=90%; fi
	v unit set "$j" "$(site "$i")" staff_trained=$trained --as "Lise Kragh"
	v unit step "$j" "$(site "$i")" undervisning skaerme-op --as "$(leader "$i")"
	v unit set "$j" "$(site "$i")" screens_up=true --as "$(leader "$i")"
done

at 2018-06-04
for i in $(seq 1 26); do
	v unit decide "$j" "$(site "$i")" go --why "Trained, and the screens are up." --as "Jens Vang"
done
refused 1 "$j" unit decide "$j" tilbud-27 go --why "Go anyway?" --as "Jens Vang"
has err.txt "is not ready for go"
has err.txt "trained"
v status "$j" --lang en
has out.txt "26 of 30"

at 2018-06-18
for i in 27 28 29 30; do
	v unit set "$j" "$(site "$i")" staff_trained=85% --as "Lise Kragh"
	v unit decide "$j" "$(site "$i")" go --why "Extra training session held." --as "Jens Vang"
done

# Available is not adopted.
at 2018-08-13
for i in $(seq 1 30); do
	if [ "$i" -le 10 ]; then active=16; else active=8; fi
	v unit set "$j" "$(site "$i")" users_enabled=20 users_active=$active --as "Jens Vang"
done
refused 1 "$j" decide "$j" go --why "Everything is installed." --as "Mette Holm"
has err.txt "adopted"
at 2018-10-01
for i in $(seq 11 30); do
	v unit set "$j" "$(site "$i")" users_active=14 --as "Jens Vang"
done
v set "$j" information_kept_high=true --as "Jens Vang"
refused 1 "$j" unit decide "$j" tilbud-01 go --why "It is used every day." --as "Leder 02"
has err.txt "needs role \`leder\`"
for i in $(seq 1 30); do
	v unit decide "$j" "$(site "$i")" go --why "Used every day." --as "$(leader "$i")"
done
at 2018-10-08
v decide "$j" go --why "All 30 facilities are live and the platform is used." --as "Mette Holm"
v status "$j"
has out.txt "completed"
v unit list "$j"
[ "$(grep -c '^ *tilbud-' out.txt)" -eq 30 ] || fail "unit list does not show 30 facilities"
v unit status "$j" tilbud-03
has out.txt "Dagtilbud 3"
has out.txt "forankret"
v verify "$j"
v log "$j"
has out.txt "unit-add"
[ "$(events "$j")" -gt 400 ] || fail "the journal holds only $(events "$j") events"
v snapshot "$j" --output ibg-snapshot.xml
has ibg-snapshot.xml '<unit id="tilbud-03" title="Dagtilbud 3" type="dagtilbud" wave="1" status="completed"'
has ibg-snapshot.xml '<assignment person="Leder 03" role="leder" unit="tilbud-03"'
v report "$j" --format html --output ibg.html --lang en
has ibg.html "<h2>Rollout</h2>"
has ibg.html "30 units: Preparing 0; Training 0; Live 0; Established 30."

# ---- Esset: seven service areas in the decided order ------------------------------------
name="esset"
j=esset.vj
areas=(overformyndare barn-och-unga vuxen ekonomiskt-bistand funktionsnedsattning aldreomsorg halso-och-sjukvard)
titles=("Överförmyndarverksamhet" "Barn och unga" "Vuxen" "Ekonomiskt bistånd"
	"Stöd och service till personer med funktionsnedsättning" "Äldreomsorg"
	"Kommunal hälso- och sjukvård")
at 2018-06-14
v init "$j" --method esset --id ESSET --title "Modernisering av sociala system" --as "Anna Ek"
v assign "$j" "Anna Ek" styrgrupp --as "Anna Ek"
v assign "$j" "Per Lind" inforandeteam --as "Anna Ek"
v assign "$j" "Sara Nyberg" samordnare --as "Anna Ek"
v assign "$j" "Omar Haddad" superanvandare --as "Anna Ek"
v assign "$j" "Karin Sjö" forvaltningsledning --as "Anna Ek"
v set "$j" process_maps_approved=true resources_planned=true training_and_support=true --as "Per Lind"
v set "$j" coordinators_named=true --as "Karin Sjö"
v sign "$j" introduction_order --as "Anna Ek"
for k in "${!areas[@]}"; do
	v unit add "$j" "${areas[$k]}" --title "${titles[$k]}" --type verksamhetsomrade \
		--wave $((k + 1)) --order $((k + 1)) --as "Per Lind"
done

prepare() {
	v unit step "$j" "$1" omrade-forbereds verksamhetsteam --as "Sara Nyberg"
	v unit set "$j" "$1" team_formed=true ambassadors=2 super_users=3 --as "Sara Nyberg"
	v unit set "$j" "$1" processes_designed=true roles_staffed=true preparations_done=true \
		data_quality_checked=true --as "Karin Sjö"
	v unit step "$j" "$1" omrade-forbereds utbildning --as "Omar Haddad"
	v unit set "$j" "$1" staff_trained=95% --as "Omar Haddad"
}

at 2019-11-04
prepare overformyndare
v decide "$j" go --why "Start the introduction in the decided order." --as "Anna Ek"
at 2020-01-13
v unit decide "$j" overformyndare go --why "First in the order." --as "Per Lind"

# Adults is ready, but children and young people come first.
at 2020-02-03
prepare vuxen
refused 1 "$j" unit decide "$j" vuxen go --why "We are ready early." --as "Per Lind"
has err.txt "gate \`g-omrade-start\` for unit \`vuxen\` is not ready for go"
has err.txt "Barn och unga (wave 2, in \`omrade-forbereds\`)"
v unit status "$j" vuxen --lang en
has out.txt "Barn och unga"

at 2020-03-02
prepare barn-och-unga
v unit decide "$j" barn-och-unga go --why "Second in the order." --as "Per Lind"
v unit decide "$j" vuxen go --why "Third in the order." --as "Per Lind"
at 2020-09-07
for k in 3 4 5 6; do
	prepare "${areas[$k]}"
	v unit decide "$j" "${areas[$k]}" go --why "Number $((k + 1)) in the order." --as "Per Lind"
done
v unit list "$j"
[ "$(grep -c 'omrade-inforande' out.txt)" -ge 7 ] || fail "not every area is introducing"
v decide "$j" go --why "Every area works in the new system." --as "Anna Ek"
has out.txt "interimsforvaltning"
v verify "$j"

finish "rollout stories told through the tool"
