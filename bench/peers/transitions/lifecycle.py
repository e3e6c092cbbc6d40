#!/usr/bin/python3
"""The lifecycle workload of issue 8 in python-transitions: a peer for
libveikart's benchmark (bench/peers/README.md says how each rule maps).
SPDX-License-Identifier: MIT

    /usr/bin/python3 lifecycle.py [--seconds S | --lifecycles N | --records]

Prints one line on stdout: transitions <TAB> lifecycles <TAB> seconds <TAB>
events/s (with --records, the records of the first lifecycle instead).
Diagnostics (the self-test, the chain head of LC-1) go to stderr.

The machine is defined once, as the methodology is loaded once; every
lifecycle is a new model added to it (add_model ... remove_model), as every
libveikart lifecycle is a new initiative.  Conditions check the rules,
`prepare` evaluates the gate, `after` callbacks append the hash-chained
records to an in-memory log.
"""

import calendar
import hashlib
import re
import sys
import time

import transitions
from transitions import Machine

# ---- the methodology: roles, typed facts, gates ------------------------------

ROLES = ('owner', 'lead', 'board')

# Each fact: its type, and the role that may record it.
FACTS = {
    'need_described': ('bool', 'lead'),
    'users_involved': ('bool', 'lead'),
    'anchored': ('bool', 'owner'),
    'mandate_signed': ('bool', 'owner'),
    'problem_owner_named': ('bool', 'owner'),
    'plan_goals': ('bool', 'lead'),
    'plan_scope': ('bool', 'lead'),
    'risk_assessed': ('bool', 'lead'),
    'baseline_hours': ('number', 'lead'),
    'budget_approved': ('bool', 'board'),
    'participants': ('integer', 'lead'),
    'weeks': ('integer', 'lead'),
    'staff_trained': ('ratio', 'lead'),
    'pilot_report': ('bool', 'lead'),
    'active_use': ('ratio', 'lead'),
    'hours_saved': ('number', 'lead'),
    'evaluation_approved': ('bool', 'owner'),
    'units_live_ratio': ('ratio', 'lead'),
    'support_in_place': ('bool', 'lead'),
    'training_done': ('bool', 'lead'),
    'benefit_realized': ('bool', 'owner'),
    'within_budget': ('bool', 'owner'),
    'users_satisfied': ('bool', 'owner'),
}


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


TYPES = {
    'bool': lambda v: isinstance(v, bool),
    'integer': lambda v: isinstance(v, int) and not isinstance(v, bool),
    'number': _is_number,
    'ratio': lambda v: _is_number(v) and 0 <= v <= 1,
}


def value_text(kind, v):
    """A value as the records write it: a number always looks like one (4.0)."""
    if kind == 'bool':
        return 'true' if v else 'false'
    if kind == 'integer':
        return str(v)
    return repr(float(v))


class Criterion:
    """`fact` is true, or `fact op value` (op: ge, gt)."""

    __slots__ = ('id', 'fact', 'op', 'value', 'text')

    def __init__(self, ident, fact, op=None, text=None):
        self.id = ident
        self.fact = fact
        self.op = op
        self.text = text
        self.value = float(text) if text is not None else None


def check(ident, fact):
    return Criterion(ident, fact)


def at_least(ident, fact, text):
    return Criterion(ident, fact, 'ge', text)


def above(ident, fact, text):
    return Criterion(ident, fact, 'gt', text)


class Gate:
    __slots__ = ('id', 'source', 'authority', 'criteria')

    def __init__(self, ident, source, authority, criteria):
        self.id = ident
        self.source = source
        self.authority = authority
        self.criteria = criteria


GATES = {g.id: g for g in (
    Gate('needs-gate', 'needs', 'owner', [
        check('need_described', 'need_described'), check('users_involved', 'users_involved'),
        check('anchored', 'anchored'), check('mandate_signed', 'mandate_signed'),
        check('problem_owner_named', 'problem_owner_named')]),
    Gate('planning-gate', 'planning', 'board', [
        check('plan_goals', 'plan_goals'), check('plan_scope', 'plan_scope'),
        check('risk_assessed', 'risk_assessed'), check('budget_approved', 'budget_approved'),
        above('baseline', 'baseline_hours', '0')]),
    Gate('pilot-gate', 'pilot', 'owner', [
        at_least('participants', 'participants', '10'), at_least('weeks', 'weeks', '6'),
        check('pilot_report', 'pilot_report')]),
    Gate('evaluation-gate', 'evaluation', 'board', [
        at_least('active_use', 'active_use', '0.6'),
        at_least('staff_trained', 'staff_trained', '0.8'),
        at_least('hours_saved', 'hours_saved', '2'),
        check('evaluation_approved', 'evaluation_approved')]),
    Gate('rollout-gate', 'rollout', 'owner', [
        at_least('units_live', 'units_live_ratio', '0.9'),
        check('support_in_place', 'support_in_place'), check('training_done', 'training_done')]),
    Gate('yearly-review', 'operation', 'board', [
        check('benefit_realized', 'benefit_realized'), check('within_budget', 'within_budget'),
        check('users_satisfied', 'users_satisfied')]),
)}

METHOD_ID = 'bench-lifecycle'
METHOD_VERSION = '1'
METHOD_TITLE = 'Lifecycle benchmark'
PHASES = ['needs', 'planning', 'pilot', 'evaluation', 'rollout', 'operation']


class Report:
    """A gate's evaluation: one `result` per criterion and the verdict."""

    __slots__ = ('ready', 'results')

    def __init__(self, gate, facts):
        self.ready = True
        self.results = []
        for c in gate.criteria:
            v = facts.get(c.fact)
            met = False
            if v is None:
                why = 'fact `%s` is not recorded' % c.fact
            elif c.op is None:
                met = v is True
                why = '`%s` is %s' % (c.fact, 'true' if v else 'false')
            else:
                met = v >= c.value if c.op == 'ge' else v > c.value
                why = '`%s` is %s, %s%s %s' % (c.fact, value_text(FACTS[c.fact][0], v),
                                               '' if met else 'not ', c.op, c.text)
            if not met:
                self.ready = False
            self.results.append('%s %s %s' % (c.id, 'met' if met else 'unmet', why))


# ---- the hash-chained log ------------------------------------------------------

ZERO = '0' * 64
_SPECIAL = re.compile(r'[\\\t\n\r]')
_ESCAPES = {'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'}


def escape(s):
    if _SPECIAL.search(s) is None:
        return s
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group(0)], s)


class StepClock:
    """The host's clock: one hour per reading, from 2026-01-05T09:00:00Z."""

    __slots__ = ('t', 'step')

    def __init__(self, start, step):
        self.t = start
        self.step = step

    def now(self):
        t = self.t
        self.t += self.step
        return t


T0 = calendar.timegm((2026, 1, 5, 9, 0, 0))


# ---- the model and the machine -------------------------------------------------

class Initiative:
    """One initiative: its facts, who holds which role, its chain and log."""

    def __init__(self, ident, clock):
        self.id = ident
        self.clock = clock
        self.facts = {}
        self.roles = {}
        self.seq = 0
        self.head = ZERO
        self.log = []
        self.decisions = 0
        self.report = None
        self.refusal = None

    def append(self, kind, actor, fields):
        """The next record: seq, time, kind, actor, fields and the previous
        record's hash; its own SHA-256 covers all of that."""
        self.seq += 1
        parts = ['%d\t%d\t%s\t%s' % (self.seq, self.clock.now(), kind, escape(actor))]
        for key, value in fields:
            parts.append('%s=%s' % (key, escape(value)))
        parts.append('prev=' + self.head)
        text = '\t'.join(parts)
        self.head = hashlib.sha256(text.encode()).hexdigest()
        self.log.append('%s\thash=%s\n' % (text, self.head))

    def holds(self, person, role):
        roles = self.roles.get(person)
        return roles is not None and role in roles

    def refuse(self, why):
        self.refusal = why
        return False

    def created(self, actor):
        self.append('create', actor, (('id', self.id), ('title', METHOD_TITLE),
                                      ('method', METHOD_ID), ('version', METHOD_VERSION),
                                      ('phase', self.state)))

    # conditions
    def role_known(self, event):
        return event.kwargs['role'] in ROLES or self.refuse('no such role')

    def may_record(self, event):
        kw = event.kwargs
        fact = FACTS.get(kw['fact'])
        if fact is None:
            return self.refuse('no fact `%s`' % kw['fact'])
        if not TYPES[fact[0]](kw['value']):
            return self.refuse('`%s` is a %s, not %r' % (kw['fact'], fact[0], kw['value']))
        if not self.holds(kw['by'], fact[1]):
            return self.refuse('`%s` is recorded by the %s; %s is not'
                               % (kw['fact'], fact[1], kw['by']))
        return True

    def gate_here(self, event):
        gate = GATES.get(event.kwargs['gate'])
        if gate is None or gate.source != self.state:
            return self.refuse('not this gate')
        return bool(event.kwargs.get('rationale')) or self.refuse('no rationale')

    def holds_authority(self, event):
        gate = GATES[event.kwargs['gate']]
        return self.holds(event.kwargs['by'], gate.authority) or \
            self.refuse('%s decides at %s' % (gate.authority, gate.id))

    def gate_ready(self, event):
        return self.report.ready or self.refuse('%s is not ready' % event.kwargs['gate'])

    # prepare: every decision evaluates its gate
    def evaluate_gate(self, event):
        gate = GATES.get(event.kwargs['gate'])
        self.report = Report(gate, self.facts) if gate is not None else None

    # after
    def record_assign(self, event):
        kw = event.kwargs
        self.roles.setdefault(kw['person'], set()).add(kw['role'])
        self.append('assign', kw['by'], (('person', kw['person']), ('role', kw['role'])))

    def record_fact(self, event):
        kw = event.kwargs
        self.facts[kw['fact']] = kw['value']
        self.append('set', kw['by'], (('fact', kw['fact']),
                                      ('value', value_text(FACTS[kw['fact']][0], kw['value']))))

    def record_decision(self, event):
        gate = GATES[event.kwargs['gate']]
        fields = [('gate', gate.id), ('outcome', event.event.name), ('to', self.state),
                  ('authority', gate.authority),
                  ('verdict', 'ready' if self.report.ready else 'blocked')]
        fields.extend(('result', r) for r in self.report.results)
        fields.append(('rationale', event.kwargs['rationale']))
        self.decisions += 1
        self.append('decide', event.kwargs['by'], fields)


GO = ['gate_here', 'holds_authority', 'gate_ready']


def decision(trigger, source, dest, conditions):
    return {'trigger': trigger, 'source': source, 'dest': dest, 'prepare': 'evaluate_gate',
            'conditions': conditions, 'after': 'record_decision'}


MACHINE = Machine(
    model=None, states=PHASES, initial='needs', send_event=True, auto_transitions=False,
    transitions=[
        {'trigger': 'assign', 'source': '*', 'dest': None,
         'conditions': 'role_known', 'after': 'record_assign'},
        {'trigger': 'record', 'source': '*', 'dest': None,
         'conditions': 'may_record', 'after': 'record_fact'},
        decision('go', 'needs', 'planning', GO),
        decision('go', 'planning', 'pilot', GO),
        decision('go', 'pilot', 'evaluation', GO),
        decision('go', 'evaluation', 'rollout', GO),
        # A recycle is allowed whatever the verdict; the gate is still evaluated.
        decision('recycle', 'evaluation', 'pilot', ['gate_here', 'holds_authority']),
        decision('go', 'rollout', 'operation', GO),
        decision('continue', 'operation', None, GO),
    ])


# ---- the lifecycle: 40 events ----------------------------------------------------

def _set(by, fact, value):
    return ('record', {'by': by, 'fact': fact, 'value': value})


RATIONALE = 'Decided at the gate meeting.'


def _decide(trigger, by, gate):
    return (trigger, {'by': by, 'gate': gate, 'rationale': RATIONALE})


# After the create event: 3 assigns, 28 writes, 8 decisions.
SCRIPT = [
    ('assign', {'by': 'Kari', 'person': 'Kari', 'role': 'owner'}),
    ('assign', {'by': 'Kari', 'person': 'Ola', 'role': 'lead'}),
    ('assign', {'by': 'Kari', 'person': 'Ingrid', 'role': 'board'}),
    _set('Ola', 'need_described', True), _set('Ola', 'users_involved', True),
    _set('Kari', 'anchored', True), _set('Kari', 'mandate_signed', True),
    _set('Kari', 'problem_owner_named', True),
    _decide('go', 'Kari', 'needs-gate'),
    _set('Ola', 'plan_goals', True), _set('Ola', 'plan_scope', True),
    _set('Ola', 'risk_assessed', True), _set('Ola', 'baseline_hours', 12),
    _set('Ingrid', 'budget_approved', True),
    _decide('go', 'Ingrid', 'planning-gate'),
    _set('Ola', 'participants', 24), _set('Ola', 'weeks', 10),
    _set('Ola', 'staff_trained', 0.55), _set('Ola', 'pilot_report', True),
    _decide('go', 'Kari', 'pilot-gate'),
    _set('Ola', 'active_use', 0.45), _set('Ola', 'hours_saved', 4),
    _set('Kari', 'evaluation_approved', True),
    _decide('recycle', 'Ingrid', 'evaluation-gate'),
    _set('Ola', 'staff_trained', 0.9), _set('Ola', 'weeks', 8), _set('Ola', 'pilot_report', True),
    _decide('go', 'Kari', 'pilot-gate'),
    _set('Ola', 'active_use', 0.72), _set('Ola', 'hours_saved', 5),
    _decide('go', 'Ingrid', 'evaluation-gate'),
    _set('Ola', 'units_live_ratio', 0.95), _set('Ola', 'support_in_place', True),
    _set('Ola', 'training_done', True),
    _decide('go', 'Kari', 'rollout-gate'),
    _set('Kari', 'benefit_realized', True), _set('Kari', 'within_budget', True),
    _set('Kari', 'users_satisfied', True),
    _decide('continue', 'Ingrid', 'yearly-review'),
]
EVENTS = 1 + len(SCRIPT)
DECISIONS = 8


def fail(what):
    sys.stderr.write('transitions: %s\n' % what)
    sys.exit(1)


def open_initiative(n):
    ini = Initiative('LC-%d' % n, StepClock(T0, 3600))
    MACHINE.add_model(ini)
    ini.created('Kari')
    return ini


def lifecycle(n):
    """One lifecycle, checked; returns the log."""
    ini = open_initiative(n)
    try:
        for trigger, kwargs in SCRIPT:
            if not getattr(ini, trigger)(**kwargs):
                fail('LC-%d: %s refused: %s' % (n, trigger, ini.refusal))
    finally:
        MACHINE.remove_model(ini)
    if ini.state != 'operation' or ini.decisions != DECISIONS or len(ini.log) != EVENTS \
            or ini.seq != EVENTS:
        fail('LC-%d ended in %s after %d decisions and %d records'
             % (n, ini.state, ini.decisions, len(ini.log)))
    return ini.log


def verify_chain(log):
    """Every record's hash is the SHA-256 of what precedes it, and names the one before."""
    prev = ZERO
    for line in log:
        text, _, digest = line.rstrip('\n').rpartition('\thash=')
        if not text.endswith('\tprev=' + prev) or \
                hashlib.sha256(text.encode()).hexdigest() != digest:
            return False
        prev = digest
    return True


def self_test():
    """The rules refuse what they should, and a refusal records nothing."""
    ini = open_initiative(0)
    for trigger, kwargs in SCRIPT[:3]:
        getattr(ini, trigger)(**kwargs)
    refusals = [
        _set('Ola', 'need_described', 'yes'),   # wrong type
        _set('Ola', 'weeks', 10.5),             # not an integer
        _set('Ola', 'staff_trained', 1.5),      # a ratio above 1
        _set('Ola', 'anchored', True),          # anchored is the owner's
        _set('Kari', 'no_such_fact', True),
        _decide('go', 'Kari', 'needs-gate'),    # criteria not met
    ]
    refused = sum(1 for trigger, kwargs in refusals if not getattr(ini, trigger)(**kwargs))
    try:
        ini.recycle(by='Ingrid', gate='evaluation-gate', rationale=RATIONALE)  # not in this phase
    except transitions.MachineError:
        refused += 1
    for trigger, kwargs in SCRIPT[3:8]:
        getattr(ini, trigger)(**kwargs)
    if not ini.go(by='Ola', gate='needs-gate', rationale=RATIONALE):   # the lead is not the owner
        refused += 1
    if not ini.go(by='Kari', gate='needs-gate'):                       # no rationale
        refused += 1
    if refused != len(refusals) + 3 or ini.seq != 9 or len(ini.log) != 9 or ini.state != 'needs':
        fail('self-test: %d refusals, %d events, in %s' % (refused, ini.seq, ini.state))
    if not ini.go(by='Kari', gate='needs-gate', rationale=RATIONALE) or ini.state != 'planning':
        fail('self-test: a ready gate did not let the owner go')
    MACHINE.remove_model(ini)


# ---- the run -------------------------------------------------------------------

WARMUP_SECONDS = 0.3


def usage():
    sys.stderr.write('usage: lifecycle.py [--seconds S | --lifecycles N | --records]\n')
    sys.exit(2)


def parse(argv):
    seconds, count, records = 2.0, 0, False
    i = 0
    while i < len(argv):
        if argv[i] == '--seconds' and i + 1 < len(argv):
            i += 1
            try:
                seconds, count = float(argv[i]), 0
            except ValueError:
                usage()
            if not seconds > 0:
                usage()
        elif argv[i] in ('--lifecycles', '--count') and i + 1 < len(argv):
            i += 1
            try:
                count = int(argv[i])
            except ValueError:
                usage()
            if count < 1:
                usage()
        elif argv[i] == '--records':
            records = True
        else:
            usage()
        i += 1
    return seconds, count, records


def main():
    seconds, count, records = parse(sys.argv[1:])
    self_test()

    n = 1
    first = lifecycle(n)
    if records:
        # The records of LC-1, to compare the peers byte for byte.
        sys.stdout.write(''.join(first))
        return
    if not verify_chain(first):
        fail('the chain of LC-1 does not verify')
    sys.stderr.write('transitions: transitions %s, python %s; self-test ok; LC-1 head %s\n'
                     % (transitions.__version__, sys.version.split()[0], first[-1][-65:-1]))
    end = time.perf_counter() + WARMUP_SECONDS
    while time.perf_counter() < end:
        n += 1
        lifecycle(n)

    done = 0
    start = time.perf_counter()
    while True:
        n += 1
        lifecycle(n)
        done += 1
        elapsed = time.perf_counter() - start
        if (done >= count) if count > 0 else (elapsed >= seconds):
            break
    sys.stdout.write('transitions\t%d\t%.6f\t%.0f\n' % (done, elapsed, done * EVENTS / elapsed))


if __name__ == '__main__':
    main()
