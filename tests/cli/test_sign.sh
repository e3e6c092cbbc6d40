#!/bin/bash
# Signatures with the tool: keys made with `veikart keygen`, journals signed
# with --key, and what `veikart verify --keyring` and `--seal` catch: an
# event rewritten with every hash after it recomputed (which the chain
# alone cannot show), a journal cut short, an unsigned event of a person who
# must sign, and an old unsigned journal that still verifies.
# Usage: test_sign.sh VEIKART SOURCE_DIR WORK_DIR
set -u

. "$(dirname "$0")/lib.sh"
veikart=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
at 2026-01-05T09:00:00Z

# forge JOURNAL SEQ OLD NEW: replace OLD by NEW in event SEQ and recompute its
# hash and every hash after it, as anyone who can write the file can.  The
# signature fields after `hash=` stay as they were.
forge() {
	python3 - "$@" <<'PY'
import hashlib, sys
path, seq, old, new = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
lines = open(path, encoding="utf-8").read().split("\n")
prev = None
for i in range(1, len(lines)):
    if not lines[i]:
        continue
    f = lines[i].split("\t")
    at = next(k for k, x in enumerate(f) if x.startswith("prev="))
    n = int(f[0])
    if n == seq:
        f = [x.replace(old, new) for x in f]
    if prev is not None:
        f[at] = "prev=" + prev
    if n >= seq:
        prev = hashlib.sha256("\t".join(f[: at + 1]).encode()).hexdigest()
        f[at + 1] = "hash=" + prev
    lines[i] = "\t".join(f)
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
}

# ---- keys ---------------------------------------------------------------------------
name="keygen"
run 0 --help
has_line out.txt "  keygen +.*"
has_line out.txt "  seal +.*"
v keygen --output kari.key --actor "Kari Nordmann"
has_line out.txt "key [0-9a-f]{16} [A-Za-z0-9+/]{43}= must-sign Kari Nordmann"
cp out.txt kari.line
[ "$(stat -c %a kari.key)" = 600 ] || fail "kari.key has mode $(stat -c %a kari.key), not 600"
v keygen --output ola.key --actor "Ola Hansen"
cp out.txt ola.line
v keygen --output archive.key
has_line out.txt "key [0-9a-f]{16} [A-Za-z0-9+/]{43}= host"
cp out.txt archive.line
run 3 keygen --output kari.key --actor "Kari Nordmann"
has err.txt "kari.key already exists"
run 2 keygen --actor X
has err.txt "give --output FILE"
{
	echo "veikart-keyring 1"
	echo "# who signs the journal of NATT-1"
	cat kari.line ola.line archive.line
} >keyring

# ---- a signed journal ------------------------------------------------------------
name="signed journal"
v init natt.vj --id NATT-1 --title "Digitalt nattilsyn" --as "Kari Nordmann" --key kari.key
v assign natt.vj "Kari Nordmann" prosjekteier --as "Kari Nordmann" --key kari.key
v assign natt.vj "Ola Hansen" prosjektleder --as "Kari Nordmann" --key kari.key
at 2026-01-08T09:00:00Z
v step natt.vj for-du-starter beskrive-utfordringsbildet --as "Ola Hansen" --key ola.key
v set natt.vj challenge_described=true work_planned=true anchored_in_management=true \
	need_for_change_understood=true --as "Kari Nordmann" --key kari.key
v sign natt.vj project_mandate --as "Kari Nordmann" --key kari.key
at 2026-01-09T09:00:00Z
v decide natt.vj go --why "Saves 6.5 hours a week" --as "Kari Nordmann" --key kari.key
grep -c $'\tsig=' natt.vj >count.txt
has_line count.txt 10
v verify --keyring keyring natt.vj
has out.txt "signatures: 10 of 10 events signed, every signature checks against keyring"
v seal natt.vj --key archive.key --output natt.seal
has out.txt "natt.vj: 10 events sealed by key"
has_line natt.seal "events 10"
v verify --keyring keyring --seal natt.seal natt.vj
has out.txt "seal natt.seal: the 10 sealed events are unchanged"

# A key is its owner's alone.
refused 1 natt.vj set natt.vj user_insight_gathered=true --as "Ola Hansen" --key kari.key
has err.txt "the key in kari.key is Kari Nordmann's; it cannot sign what Ola Hansen records"
chmod 644 ola.key
refused 1 natt.vj set natt.vj user_insight_gathered=true --as "Ola Hansen" --key ola.key
has err.txt "ola.key is a secret key that others may read (mode 0644): refused"
chmod 600 ola.key

# Events recorded after the seal are allowed.
cp natt.vj before-more.vj
at 2026-01-10T09:00:00Z
v set natt.vj user_insight_gathered=true --as "Ola Hansen" --key ola.key
v verify --keyring keyring --seal natt.seal natt.vj
has out.txt "the 10 sealed events are unchanged; 1 recorded since"
cp before-more.vj natt.vj

# ---- the attack: a rationale rewritten, the chain recomputed -----------------------
name="rewritten rationale"
cp natt.vj forged.vj
forge forged.vj 10 "rationale=Saves 6.5 hours" "rationale=Saves 65 hours"
# The chain alone does not show it.
v verify forged.vj
has out.txt "chain intact"
v log forged.vj
has out.txt "Saves 65 hours a week"
run 1 verify --keyring keyring forged.vj
has err.txt "forged.vj: event 10 (line 11): its signature by key"
has err.txt "does not match it: the event was changed after it was signed"
run 1 verify --keyring keyring --seal natt.seal forged.vj
has err.txt "event 10 (line 11)"

# Without its signature, the forged event is an unsigned event of Kari's.
sed -i '11s/\tkey=[0-9a-f]*\tsig=[^\t]*$//' forged.vj
v verify forged.vj
run 1 verify --keyring keyring forged.vj
has err.txt "event 10 (line 11): it is not signed, but the keyring says \`Kari Nordmann\` must sign"
# Where no one must sign, an unsigned event passes the signatures; the seal
# still finds the rewrite.
sed 's/ must-sign / may-sign /' keyring >all-may
run 1 verify --keyring all-may --seal natt.seal forged.vj
has out.txt "signatures: 9 of 10 events signed"
has err.txt "natt.seal: forged.vj: event 10 is not the one sealed by key"
has err.txt "the journal was rewritten at or before event 10"

# ---- a cut journal ------------------------------------------------------------------
name="cut journal"
head -n 9 natt.vj >cut.vj
v verify --keyring keyring cut.vj
has out.txt "8 events, chain intact"
run 1 verify --keyring keyring --seal natt.seal cut.vj
has err.txt "cut.vj holds 8 events, but the seal by key"
has err.txt "events 9 to 10 were cut off"
run 2 verify --seal natt.seal natt.vj
has err.txt "--seal needs --keyring"
sed 's/^events 10$/events 9/' natt.seal >changed.seal
run 1 verify --keyring keyring --seal changed.seal natt.vj
has err.txt "the seal was changed"

# ---- who must sign ------------------------------------------------------------------
name="must sign"
at 2026-01-05T09:00:00Z
v init plain.vj --id P-1 --title "Unsigned" --as "Kari Nordmann"
v assign plain.vj "Ola Hansen" prosjektleder --as "Kari Nordmann"
v verify plain.vj
run 1 verify --keyring keyring plain.vj
has err.txt "plain.vj: event 1 (line 2): it is not signed, but the keyring says \`Kari Nordmann\` must sign"
sed 's/ must-sign Kari Nordmann$/ may-sign Kari Nordmann/' keyring >may
v verify --keyring may plain.vj
has out.txt "signatures: 0 of 2 events signed"
# A host's key does not sign for a person who must sign.
v init host.vj --id H-1 --title "Host signed" --as "Kari Nordmann" --key archive.key
run 1 verify --keyring keyring host.vj
has err.txt "event 1 (line 2): it is signed by the host key"
v verify --keyring may host.vj
has out.txt "signatures: 1 of 1 event signed"

# ---- an old unsigned journal ------------------------------------------------------
name="old journal"
cp "$src/tests/fixtures/journal/unsigned-ks-veikart.vj" old.vj
v verify old.vj
has out.txt "old.vj: 80 events, chain intact"
has out.txt "every event keeps the rules of ks-veikart 2017.1"
v verify --keyring all-may old.vj
has out.txt "signatures: 0 of 80 events signed"

# ---- malformed signature fields ----------------------------------------------------
name="malformed"
sed '4s/\tsig=\(.\)/\tsig=!/' natt.vj >bad.vj
run 1 verify bad.vj
has err.txt "bad.vj: event 3 (line 4): the signature fields are malformed"
name="keyring"
printf 'veikart-keyring 1\nkey 0123 x must-sign Somebody\n' >broken
run 1 verify --keyring broken natt.vj
has err.txt "broken:2: a key line is"

finish "cli.sign: keys, signed journals, verify --keyring and --seal"
