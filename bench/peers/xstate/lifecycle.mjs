// The lifecycle workload of issue 8 in XState 5: a peer for libveikart's
// benchmark (bench/peers/README.md says how each rule maps).
// SPDX-License-Identifier: MIT
//
//   node lifecycle.mjs [--seconds S | --lifecycles N | --records]
//
// Prints one line on stdout: xstate <TAB> lifecycles <TAB> seconds <TAB> events/s
// (with --records, the records of the first lifecycle instead).
// Diagnostics (the self-test, the chain head of LC-1) go to stderr.
//
// The machine is defined once, as the methodology is loaded once; every
// lifecycle is a new actor (createActor ... stop), as every libveikart
// lifecycle is a new initiative.  Guards check the rules; actions append the
// hash-chained records and emit each one to the host, which keeps them in an
// in-memory log (libveikart's commit hook does the same).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { assign, createActor, enqueueActions, setup } from 'xstate';

// ---- the methodology: roles, typed facts, gates ------------------------------

const ROLES = ['owner', 'lead', 'board'];

// Each fact: its type, and the role that may record it.
const FACTS = {
  need_described: { type: 'bool', role: 'lead' },
  users_involved: { type: 'bool', role: 'lead' },
  anchored: { type: 'bool', role: 'owner' },
  mandate_signed: { type: 'bool', role: 'owner' },
  problem_owner_named: { type: 'bool', role: 'owner' },
  plan_goals: { type: 'bool', role: 'lead' },
  plan_scope: { type: 'bool', role: 'lead' },
  risk_assessed: { type: 'bool', role: 'lead' },
  baseline_hours: { type: 'number', role: 'lead' },
  budget_approved: { type: 'bool', role: 'board' },
  participants: { type: 'integer', role: 'lead' },
  weeks: { type: 'integer', role: 'lead' },
  staff_trained: { type: 'ratio', role: 'lead' },
  pilot_report: { type: 'bool', role: 'lead' },
  active_use: { type: 'ratio', role: 'lead' },
  hours_saved: { type: 'number', role: 'lead' },
  evaluation_approved: { type: 'bool', role: 'owner' },
  units_live_ratio: { type: 'ratio', role: 'lead' },
  support_in_place: { type: 'bool', role: 'lead' },
  training_done: { type: 'bool', role: 'lead' },
  benefit_realized: { type: 'bool', role: 'owner' },
  within_budget: { type: 'bool', role: 'owner' },
  users_satisfied: { type: 'bool', role: 'owner' },
};

const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
const TYPES = {
  bool: (v) => typeof v === 'boolean',
  integer: (v) => Number.isInteger(v),
  number: isNumber,
  ratio: (v) => isNumber(v) && v >= 0 && v <= 1,
};

// A value as the records write it: a number always looks like one (4.0).
function valueText(type, v) {
  if (type === 'number' || type === 'ratio') {
    const s = String(v);
    return /^-?\d+$/.test(s) ? `${s}.0` : s;
  }
  return String(v);
}

// Criteria: `check` (the fact is true) or a threshold (`op` against `value`).
const check = (id, fact) => ({ id, fact });
const atLeast = (id, fact, text) => ({ id, fact, op: 'ge', value: Number(text), text });
const above = (id, fact, text) => ({ id, fact, op: 'gt', value: Number(text), text });

const GATES = {
  'needs-gate': {
    from: 'needs', authority: 'owner',
    criteria: [check('need_described', 'need_described'), check('users_involved', 'users_involved'),
      check('anchored', 'anchored'), check('mandate_signed', 'mandate_signed'),
      check('problem_owner_named', 'problem_owner_named')],
  },
  'planning-gate': {
    from: 'planning', authority: 'board',
    criteria: [check('plan_goals', 'plan_goals'), check('plan_scope', 'plan_scope'),
      check('risk_assessed', 'risk_assessed'), check('budget_approved', 'budget_approved'),
      above('baseline', 'baseline_hours', '0')],
  },
  'pilot-gate': {
    from: 'pilot', authority: 'owner',
    criteria: [atLeast('participants', 'participants', '10'), atLeast('weeks', 'weeks', '6'),
      check('pilot_report', 'pilot_report')],
  },
  'evaluation-gate': {
    from: 'evaluation', authority: 'board',
    criteria: [atLeast('active_use', 'active_use', '0.6'),
      atLeast('staff_trained', 'staff_trained', '0.8'), atLeast('hours_saved', 'hours_saved', '2'),
      check('evaluation_approved', 'evaluation_approved')],
  },
  'rollout-gate': {
    from: 'rollout', authority: 'owner',
    criteria: [atLeast('units_live', 'units_live_ratio', '0.9'),
      check('support_in_place', 'support_in_place'), check('training_done', 'training_done')],
  },
  'yearly-review': {
    from: 'operation', authority: 'board',
    criteria: [check('benefit_realized', 'benefit_realized'),
      check('within_budget', 'within_budget'), check('users_satisfied', 'users_satisfied')],
  },
};

const METHOD = { id: 'bench-lifecycle', version: '1', title: 'Lifecycle benchmark', start: 'needs' };

// ---- the gate: every criterion evaluated, with its reason --------------------

function holdsCriterion(c, facts) {
  const v = facts[c.fact];
  if (v === undefined) return false;
  if (c.op === undefined) return v === true;
  return c.op === 'ge' ? v >= c.value : v > c.value;
}

const gateReady = (gate, facts) => gate.criteria.every((c) => holdsCriterion(c, facts));

// The report a decision records: one `result` per criterion and the verdict.
function evaluate(gate, facts) {
  const results = [];
  let ready = true;
  for (const c of gate.criteria) {
    const v = facts[c.fact];
    let met = false;
    let why;
    if (v === undefined) {
      why = `fact \`${c.fact}\` is not recorded`;
    } else if (c.op === undefined) {
      met = v === true;
      why = `\`${c.fact}\` is ${v}`;
    } else {
      met = c.op === 'ge' ? v >= c.value : v > c.value;
      why = `\`${c.fact}\` is ${valueText(FACTS[c.fact].type, v)}, ${met ? '' : 'not '}${c.op} ${c.text}`;
    }
    if (!met) ready = false;
    results.push(`${c.id} ${met ? 'met' : 'unmet'} ${why}`);
  }
  return { ready, results };
}

// ---- the hash-chained log ------------------------------------------------------

const ZERO = '0'.repeat(64);
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escape = (s) => (SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s);

// The next record after `context`: seq, time, kind, actor, fields, the previous
// record's hash; its own SHA-256 covers all of that.
function chained(context, kind, by, fields) {
  const seq = context.seq + 1;
  let text = `${seq}\t${context.clock.now()}\t${kind}\t${escape(by)}`;
  for (const [key, value] of fields) text += `\t${key}=${escape(value)}`;
  text += `\tprev=${context.head}`;
  const hash = createHash('sha256').update(text).digest('hex');
  return { seq, hash, line: `${text}\thash=${hash}\n` };
}

// The host's clock: one hour per reading, from 2026-01-05T09:00:00Z.
class StepClock {
  constructor(start, step) {
    this.t = start;
    this.step = step;
  }

  now() {
    const t = this.t;
    this.t += this.step;
    return t;
  }
}
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0) / 1000;

// ---- the machine ---------------------------------------------------------------

const holds = (context, person, role) => {
  const roles = context.roles[person];
  return roles !== undefined && roles.includes(role);
};

const initiative = setup({
  guards: {
    roleKnown: ({ event }) => ROLES.includes(event.role),
    mayRecord: ({ context, event }) => {
      const fact = FACTS[event.fact];
      return fact !== undefined && TYPES[fact.type](event.value) && holds(context, event.by, fact.role);
    },
    mayDecide: ({ context, event }, params) => {
      const gate = GATES[params.gate];
      return event.gate === params.gate && typeof event.rationale === 'string' &&
        event.rationale !== '' && holds(context, event.by, gate.authority) &&
        (!params.needsReady || gateReady(gate, context.facts));
    },
  },
  actions: {
    created: enqueueActions(({ context, enqueue }) => {
      const r = chained(context, 'create', context.creator, [['id', context.id],
        ['title', METHOD.title], ['method', METHOD.id], ['version', METHOD.version],
        ['phase', METHOD.start]]);
      enqueue.assign({ seq: r.seq, head: r.hash });
      enqueue.emit({ type: 'record', line: r.line });
    }),
    assignRole: enqueueActions(({ context, event, enqueue }) => {
      const r = chained(context, 'assign', event.by, [['person', event.person], ['role', event.role]]);
      const had = context.roles[event.person] ?? [];
      enqueue.assign({
        seq: r.seq, head: r.hash,
        roles: { ...context.roles, [event.person]: [...had, event.role] },
      });
      enqueue.emit({ type: 'record', line: r.line });
    }),
    recordFact: enqueueActions(({ context, event, enqueue }) => {
      const text = valueText(FACTS[event.fact].type, event.value);
      const r = chained(context, 'set', event.by, [['fact', event.fact], ['value', text]]);
      enqueue.assign({
        seq: r.seq, head: r.hash,
        facts: { ...context.facts, [event.fact]: event.value },
      });
      enqueue.emit({ type: 'record', line: r.line });
    }),
    decide: enqueueActions(({ context, event, enqueue }, params) => {
      const gate = GATES[params.gate];
      const report = evaluate(gate, context.facts);
      const fields = [['gate', params.gate], ['outcome', params.outcome], ['to', params.to],
        ['authority', gate.authority], ['verdict', report.ready ? 'ready' : 'blocked']];
      for (const result of report.results) fields.push(['result', result]);
      fields.push(['rationale', event.rationale]);
      const r = chained(context, 'decide', event.by, fields);
      enqueue.assign({ seq: r.seq, head: r.hash, decisions: context.decisions + 1 });
      enqueue.emit({ type: 'record', line: r.line });
    }),
    refuse: assign(({ context, event }) => ({
      refused: context.refused + 1,
      refusal: `${event.type} by ${event.by} refused`,
    })),
  },
}).createMachine({
  id: 'initiative',
  context: ({ input }) => ({
    id: input.id, creator: input.by, clock: input.clock,
    seq: 0, head: ZERO, facts: {}, roles: {}, decisions: 0, refused: 0, refusal: null,
  }),
  entry: 'created',
  initial: METHOD.start,
  // What a phase does not take is refused here (a state's guarded
  // transitions fall through to these).
  on: {
    ASSIGN: [{ guard: 'roleKnown', actions: 'assignRole' }, { actions: 'refuse' }],
    SET: [{ guard: 'mayRecord', actions: 'recordFact' }, { actions: 'refuse' }],
    GO: { actions: 'refuse' },
    RECYCLE: { actions: 'refuse' },
    CONTINUE: { actions: 'refuse' },
  },
  states: {
    needs: {
      on: {
        GO: {
          guard: { type: 'mayDecide', params: { gate: 'needs-gate', needsReady: true } },
          target: 'planning',
          actions: { type: 'decide', params: { gate: 'needs-gate', outcome: 'go', to: 'planning' } },
        },
      },
    },
    planning: {
      on: {
        GO: {
          guard: { type: 'mayDecide', params: { gate: 'planning-gate', needsReady: true } },
          target: 'pilot',
          actions: { type: 'decide', params: { gate: 'planning-gate', outcome: 'go', to: 'pilot' } },
        },
      },
    },
    pilot: {
      on: {
        GO: {
          guard: { type: 'mayDecide', params: { gate: 'pilot-gate', needsReady: true } },
          target: 'evaluation',
          actions: { type: 'decide', params: { gate: 'pilot-gate', outcome: 'go', to: 'evaluation' } },
        },
      },
    },
    evaluation: {
      on: {
        GO: {
          guard: { type: 'mayDecide', params: { gate: 'evaluation-gate', needsReady: true } },
          target: 'rollout',
          actions: { type: 'decide', params: { gate: 'evaluation-gate', outcome: 'go', to: 'rollout' } },
        },
        // A recycle is allowed whatever the verdict; the gate is still evaluated.
        RECYCLE: {
          guard: { type: 'mayDecide', params: { gate: 'evaluation-gate', needsReady: false } },
          target: 'pilot',
          actions: { type: 'decide', params: { gate: 'evaluation-gate', outcome: 'recycle', to: 'pilot' } },
        },
      },
    },
    rollout: {
      on: {
        GO: {
          guard: { type: 'mayDecide', params: { gate: 'rollout-gate', needsReady: true } },
          target: 'operation',
          actions: { type: 'decide', params: { gate: 'rollout-gate', outcome: 'go', to: 'operation' } },
        },
      },
    },
    operation: {
      on: {
        CONTINUE: {
          guard: { type: 'mayDecide', params: { gate: 'yearly-review', needsReady: true } },
          actions: { type: 'decide', params: { gate: 'yearly-review', outcome: 'continue', to: 'operation' } },
        },
      },
    },
  },
});

// ---- the lifecycle: 40 events ----------------------------------------------------

const set = (by, fact, value) => ({ type: 'SET', by, fact, value });
const RATIONALE = 'Decided at the gate meeting.';
const decide = (type, by, gate) => ({ type, by, gate, rationale: RATIONALE });

// After the create event (the actor's start): 3 assigns, 28 writes, 8 decisions.
const SCRIPT = [
  { type: 'ASSIGN', by: 'Kari', person: 'Kari', role: 'owner' },
  { type: 'ASSIGN', by: 'Kari', person: 'Ola', role: 'lead' },
  { type: 'ASSIGN', by: 'Kari', person: 'Ingrid', role: 'board' },
  set('Ola', 'need_described', true), set('Ola', 'users_involved', true),
  set('Kari', 'anchored', true), set('Kari', 'mandate_signed', true),
  set('Kari', 'problem_owner_named', true),
  decide('GO', 'Kari', 'needs-gate'),
  set('Ola', 'plan_goals', true), set('Ola', 'plan_scope', true), set('Ola', 'risk_assessed', true),
  set('Ola', 'baseline_hours', 12), set('Ingrid', 'budget_approved', true),
  decide('GO', 'Ingrid', 'planning-gate'),
  set('Ola', 'participants', 24), set('Ola', 'weeks', 10), set('Ola', 'staff_trained', 0.55),
  set('Ola', 'pilot_report', true),
  decide('GO', 'Kari', 'pilot-gate'),
  set('Ola', 'active_use', 0.45), set('Ola', 'hours_saved', 4), set('Kari', 'evaluation_approved', true),
  decide('RECYCLE', 'Ingrid', 'evaluation-gate'),
  set('Ola', 'staff_trained', 0.9), set('Ola', 'weeks', 8), set('Ola', 'pilot_report', true),
  decide('GO', 'Kari', 'pilot-gate'),
  set('Ola', 'active_use', 0.72), set('Ola', 'hours_saved', 5),
  decide('GO', 'Ingrid', 'evaluation-gate'),
  set('Ola', 'units_live_ratio', 0.95), set('Ola', 'support_in_place', true),
  set('Ola', 'training_done', true),
  decide('GO', 'Kari', 'rollout-gate'),
  set('Kari', 'benefit_realized', true), set('Kari', 'within_budget', true),
  set('Kari', 'users_satisfied', true),
  decide('CONTINUE', 'Ingrid', 'yearly-review'),
];
const EVENTS = 1 + SCRIPT.length;
const DECISIONS = 8;

function open(n, log) {
  const actor = createActor(initiative, {
    input: { id: `LC-${n}`, by: 'Kari', clock: new StepClock(T0, 3600) },
  });
  actor.on('record', (e) => {
    log.push(e.line);
  });
  actor.start();
  return actor;
}

function fail(what) {
  process.stderr.write(`xstate: ${what}\n`);
  process.exit(1);
}

// One lifecycle, checked; returns the log.
function lifecycle(n) {
  const log = [];
  const actor = open(n, log);
  for (const event of SCRIPT) actor.send(event);
  const { value, context } = actor.getSnapshot();
  actor.stop();
  if (context.refused !== 0) fail(`LC-${n}: ${context.refusal}`);
  if (value !== 'operation' || context.decisions !== DECISIONS || log.length !== EVENTS ||
      context.seq !== EVENTS) {
    fail(`LC-${n} ended in ${value} after ${context.decisions} decisions and ${log.length} records`);
  }
  return log;
}

// Every record's hash is the SHA-256 of what precedes it, and names the one before.
function verifyChain(log) {
  let prev = ZERO;
  for (const line of log) {
    const at = line.lastIndexOf('\thash=');
    const text = line.slice(0, at);
    const hash = line.slice(at + 6, -1);
    if (!text.endsWith(`\tprev=${prev}`) ||
        createHash('sha256').update(text).digest('hex') !== hash) return false;
    prev = hash;
  }
  return true;
}

// The rules refuse what they should, and a refusal records nothing.
function selfTest() {
  const log = [];
  const actor = open(0, log);
  for (const event of SCRIPT.slice(0, 3)) actor.send(event);
  const refusals = [
    set('Ola', 'need_described', 'yes'), // wrong type
    set('Ola', 'weeks', 10.5), // not an integer
    set('Ola', 'staff_trained', 1.5), // a ratio above 1
    set('Ola', 'anchored', true), // anchored is the owner's
    set('Kari', 'no_such_fact', true),
    decide('GO', 'Kari', 'needs-gate'), // criteria not met
    decide('RECYCLE', 'Ingrid', 'evaluation-gate'), // not in this phase
  ];
  for (const event of refusals) actor.send(event);
  for (const event of SCRIPT.slice(3, 8)) actor.send(event);
  actor.send(decide('GO', 'Ola', 'needs-gate')); // the lead is not the owner
  actor.send({ type: 'GO', by: 'Kari', gate: 'needs-gate' }); // no rationale
  let { value, context } = actor.getSnapshot();
  if (context.refused !== refusals.length + 2 || context.seq !== 9 || log.length !== 9 ||
      value !== 'needs') {
    fail(`self-test: ${context.refused} refusals, ${context.seq} events, in ${value}`);
  }
  actor.send(decide('GO', 'Kari', 'needs-gate'));
  ({ value, context } = actor.getSnapshot());
  actor.stop();
  if (value !== 'planning' || context.refused !== refusals.length + 2) {
    fail('self-test: a ready gate did not let the owner go');
  }
}

// ---- the run -------------------------------------------------------------------

function usage() {
  process.stderr.write('usage: node lifecycle.mjs [--seconds S | --lifecycles N | --records]\n');
  process.exit(2);
}

function parse(argv) {
  const a = { seconds: 2, count: 0, records: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seconds' && i + 1 < argv.length) {
      a.seconds = Number(argv[++i]);
      a.count = 0;
      if (!(a.seconds > 0)) usage();
    } else if ((argv[i] === '--lifecycles' || argv[i] === '--count') && i + 1 < argv.length) {
      a.count = Number(argv[++i]);
      if (!Number.isInteger(a.count) || a.count < 1) usage();
    } else if (argv[i] === '--records') {
      a.records = true;
    } else {
      usage();
    }
  }
  return a;
}

const now = () => Number(process.hrtime.bigint()) / 1e9;
const WARMUP_SECONDS = 0.3;

function main() {
  const args = parse(process.argv.slice(2));
  selfTest();

  let n = 1;
  const first = lifecycle(n);
  if (args.records) {
    // The records of LC-1, to compare the peers byte for byte.
    process.stdout.write(first.join(''));
    return;
  }
  if (!verifyChain(first)) fail('the chain of LC-1 does not verify');
  const head = first[first.length - 1].slice(-65, -1);
  const xstate = JSON.parse(readFileSync(new URL('node_modules/xstate/package.json', import.meta.url)));
  process.stderr.write(`xstate: xstate ${xstate.version}, node ${process.versions.node}; ` +
    `self-test ok; LC-1 head ${head}\n`);
  for (const end = now() + WARMUP_SECONDS; now() < end;) lifecycle(++n);

  let done = 0;
  const start = now();
  let elapsed = 0;
  for (;;) {
    lifecycle(++n);
    done++;
    elapsed = now() - start;
    if (args.count > 0 ? done >= args.count : elapsed >= args.seconds) break;
  }
  process.stdout.write(`xstate\t${done}\t${elapsed.toFixed(6)}\t${Math.round((done * EVENTS) / elapsed)}\n`);
}

main();
