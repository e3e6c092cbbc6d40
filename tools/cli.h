/*
 * veikart - the command-line tool of libveikart
 * SPDX-License-Identifier: MIT
 *
 * What every command shares: the command table, option parsing, loading a
 * methodology with its diagnostics printed, and exit codes (cli.c); and how
 * the tool writes what the library says (print.c).  Each command is a
 * cmd_*.c: its options, the library calls, what it prints.
 */
#ifndef VEIKART_CLI_H
#define VEIKART_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "veikart.h"

/* Exit codes: 0 success, 1 the input is invalid or the action was refused,
 * 2 the command line is wrong, 3 something failed (I/O, memory). */
enum { CLI_OK = 0, CLI_INVALID = 1, CLI_USAGE = 2, CLI_FAILED = 3 };

typedef struct cli_command {
	const char *name;
	const char *summary;
	const char *usage; /* full help text after the first line */
	int (*run)(int argc, char **argv);
} cli_command;

extern const cli_command cli_validate;
extern const cli_command cli_show;
extern const cli_command cli_graph;
extern const cli_command cli_diff;
extern const cli_command cli_compare;
extern const cli_command cli_eval;
extern const cli_command cli_init;
extern const cli_command cli_assign;
extern const cli_command cli_set;
extern const cli_command cli_attach;
extern const cli_command cli_approve;
extern const cli_command cli_sign;
extern const cli_command cli_rate;
extern const cli_command cli_step;
extern const cli_command cli_decide;
extern const cli_command cli_meet;
extern const cli_command cli_status;
extern const cli_command cli_log;
extern const cli_command cli_verify;
extern const cli_command cli_report;
extern const cli_command cli_snapshot;
extern const cli_command cli_unit;
extern const cli_command cli_demo;
extern const cli_command cli_keygen;
extern const cli_command cli_seal;

/* Common options: --path DIR (repeatable), --lang LANG.  */
typedef struct cli_common {
	const char *paths[32];
	size_t npaths;
	const char *lang;
} cli_common;

/* The long options every command that takes them spells the same way. */
#define CLI_OPTION_PATH                              \
	{                                            \
		"path", required_argument, NULL, 'p' \
	}
#define CLI_OPTION_LANG                              \
	{                                            \
		"lang", required_argument, NULL, 'l' \
	}
#define CLI_OPTION_HELP                        \
	{                                      \
		"help", no_argument, NULL, 'h' \
	}

#define CLI_OPTION_AS                              \
	{                                          \
		"as", required_argument, NULL, 'a' \
	}
#define CLI_OPTION_KEY                              \
	{                                           \
		"key", required_argument, NULL, 'k' \
	}
#define CLI_OPTION_METHOD                              \
	{                                              \
		"method", required_argument, NULL, 'm' \
	}

/* Help text shared by the commands that work on a journal (options in a
 * column of 17). */
#define CLI_HELP_METHOD                                                                 \
	"  --method METHOD  the methodology the journal was recorded against, a file\n" \
	"                   or an id (default: the id the journal names)\n"             \
	"  --path DIR       look for methodologies in DIR first (repeatable)\n"
#define CLI_HELP_KEY                                                             \
	"  --key FILE       sign what is recorded with the secret key in FILE\n" \
	"                   (`veikart keygen`; only its owner may read it)\n"
#define CLI_HELP_NOW                                                                  \
	"The clock: VEIKART_NOW=YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC) in the\n"    \
	"environment replaces the system clock, for tests, demos and back-office\n"   \
	"imports.  Events are recorded in order: a time earlier than the journal's\n" \
	"last event is refused, and so is one more than five minutes ahead of the\n"  \
	"real time unless VEIKART_CLOCK=simulated says the clock is simulated.\n"
#define CLI_HELP_NOW_READ                                                              \
	"The clock: VEIKART_NOW=YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC) in the\n"     \
	"environment replaces the system clock in days in phase, stalls and overdue\n" \
	"conditions, for tests, demos and back-office imports.\n"

/* Handle an option getopt_long() returned that is not the command's own:
 * --path, --lang, --help or an unknown one.  Returns -1 when parsing goes
 * on, or the exit code the command should return now. */
int cli_common_option(const cli_command *cmd, cli_common *common, int c);

/* Print `veikart CMD: message` to stderr; returns CLI_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* Print help for a command to stdout; returns CLI_OK. */
int cli_help(const cli_command *cmd);
/* Print every diagnostic to stderr as FILE:LINE:COL: severity: TEXT. */
void cli_print_diagnostics(const veikart_diagnostics *diags);
/* Print the last library error to stderr, prefixed with the command;
 * returns cli_exit_code(code). */
int cli_error(const cli_command *cmd, int code);
/* The exit status for a library error: CLI_FAILED when something failed
 * (memory, a file, the journal's write), CLI_INVALID when it was refused. */
int cli_exit_code(int err);

/* Load METHOD (a file, an id on the search path, or BASE+OVERLAY[+...] for
 * a methodology taking in overlays); diagnostics go to stderr.  Returns a
 * CLI exit code. */
int cli_load_method(veikart_method **out, const char *ref, const cli_common *common);
/* Load BASE taking in the overlays WITH (ids separated by spaces), through a
 * variant of BASE with its version that names them in with="..."; NAME is
 * the name diagnostics give the variant. */
int cli_load_overlaid(veikart_method **out, const char *base, const char *with, const char *name,
                      const veikart_load_options *opts, veikart_diagnostics **diags);
/* Fill load options from the common options (the path array must outlive them). */
void cli_load_options(veikart_load_options *opts, const cli_common *common,
                      const char **path_array);

/* ---- initiatives kept in journals ----------------------------------------- */

/* The options of a command that works on a journal: the common ones, the
 * actor (--as) and where the methodology is (--method). */
typedef struct cli_journal_args {
	cli_common common;
	const char *actor;  /* --as, or NULL */
	const char *method; /* --method, or NULL for the id the journal names */
	const char *key;    /* --key, or NULL: the secret key that signs what is recorded */
} cli_journal_args;

/* As cli_common_option(), plus --as and --method. */
int cli_journal_option(const cli_command *cmd, cli_journal_args *args, int c);
/* Parse the command line of a recording command that takes only the
 * journal options: --as (required), --method, --path, --help, and between
 * MIN and MAX operands (JOURNAL first; WHAT names them in the message).
 * Returns -1 to go on with the operands at argv[optind], or an exit code. */
int cli_parse_recording(const cli_command *cmd, cli_journal_args *args, int argc, char **argv,
                        int min, int max, const char *what);
/* Refuse a recording command without --as: returns CLI_USAGE, or -1 to go on. */
int cli_require_actor(const cli_command *cmd, const cli_journal_args *args);

/* ---- recording commands shared by the initiative and its rollout units ----- */

/* `veikart set`, `sign`, `step`, `assign` and `decide`, parsed and run for
 * CMD.  With PER_UNIT (`veikart unit set` and the like) the operand after
 * JOURNAL is a rollout unit, and the action is taken for that unit. */
int cli_run_set(const cli_command *cmd, int argc, char **argv, int per_unit);
int cli_run_sign(const cli_command *cmd, int argc, char **argv, int per_unit);
int cli_run_step(const cli_command *cmd, int argc, char **argv, int per_unit);
int cli_run_assign(const cli_command *cmd, int argc, char **argv, int per_unit);
int cli_run_decide(const cli_command *cmd, int argc, char **argv, int per_unit);

/* An initiative rebuilt from its journal. */
typedef struct cli_session {
	const cli_command *cmd;
	veikart_journal *journal;
	veikart_method *method;
	veikart_initiative *initiative;
	int64_t now; /* VEIKART_NOW, when has_now */
	int has_now;
	int simulated; /* VEIKART_CLOCK=simulated: VEIKART_NOW may run ahead of real time */
	size_t mark;   /* events in the journal when opened (see cli_session_print_new) */
	veikart_signer *signer; /* signs what the journal appends (--key), or NULL */
} cli_session;

/* Flags for cli_session_open() and cli_journal_open(). */
enum {
	CLI_SESSION_READONLY = 1u << 0 /* open without a lock; record nothing */
};

/* Read VEIKART_NOW into s->now (s->has_now says whether it is set) and
 * VEIKART_CLOCK into s->simulated.  Returns -1 to go on, or CLI_USAGE
 * after saying what is wrong with them. */
int cli_clock_from_env(const cli_command *cmd, cli_session *s);
/* The clock of VEIKART_NOW for options of an initiative, if it is set. */
void cli_session_clock_options(cli_session *s, veikart_initiative_options *io);
/* The clock hook for a cli_session (payload: the session). */
int64_t cli_session_clock(void *payload);

/* Open a journal as a command needs it; errors are printed.  Opened for
 * writing, a torn final record (cut off by the library) is reported as a
 * warning.  Returns a CLI exit code. */
int cli_journal_open(veikart_journal **out, const cli_command *cmd, const char *path,
                     unsigned int flags);
/* veikart_journal_method() with the search path of --path, and what to do
 * about a refusal printed unless QUIET.  Returns a CLI exit code. */
int cli_journal_method(veikart_method **out, const cli_command *cmd, const veikart_journal *j,
                       const char *method_ref, const cli_common *common, int quiet);
/* Open the journal, load its methodology, replay the initiative with the
 * clock of VEIKART_NOW (the system clock when unset).  Returns a CLI exit
 * code; on failure the session is closed.  The session's clock payload is
 * the session itself, so it must not move while the initiative lives. */
int cli_session_open(cli_session *s, const cli_command *cmd, const char *path,
                     const cli_journal_args *args, unsigned int flags);
void cli_session_close(cli_session *s);
/* With --key FILE, sign everything the session's journal appends with the
 * key in FILE, which must be private to its owner and, when it names a
 * person, belong to the actor (--as).  Errors are printed.  Returns a CLI
 * exit code; without --key, CLI_OK and nothing changes. */
int cli_session_sign(cli_session *s, const cli_journal_args *args);
/* Read a secret key file for CMD, refusing one that others may read.
 * Errors are printed.  Returns a CLI exit code. */
int cli_load_key(veikart_key **out, const cli_command *cmd, const char *path);
/* Print the events recorded since the session was opened, as `log` does. */
void cli_session_print_new(cli_session *s, const char *lang);
/* The end of a recording command: on success print what was recorded; on a
 * refusal print the library's message.  Returns a CLI exit code. */
int cli_session_done(cli_session *s, int err);

/* ---- signatures and seals (cmd_seal.c) ------------------------------------ */

/* What `verify --keyring KEYRING [--seal SEAL]` adds for the journal at
 * PATH: every signature checked against KEYRING, then the seal.  Prints
 * what it found; nothing without a keyring.  Returns a CLI exit code. */
int cli_verify_trust(const char *path, const veikart_journal *j, const char *keyring,
                     const char *seal);

/* ---- writing times, events, reports and units (print.c) ------------------- */

/* Text from a journal, a methodology or a message of the library, as the
 * tool shows it: a line break or tab as a space, any other control
 * character in a visible form (`\x1b`, `\u009b`), so that it cannot move
 * the cursor, retitle the terminal or hide what came before it
 * (docs/cli.md).  cli_text() returns it in one of four static buffers,
 * reused in turn, cut with an ellipsis past 4 KiB. */
void cli_put_text(FILE *out, const char *s);
const char *cli_text(const char *s);

/* "YYYY-MM-DD HH:MM" and "YYYY-MM-DD", in UTC. */
void cli_format_time(char *buf, size_t size, int64_t t);
void cli_format_date(char *buf, size_t size, int64_t t);
/* One line of the audit trail, without the line feed:
 * `#12  2026-03-02 10:00  Ola Hansen  set active_use_ratio = 0.45`. */
void cli_print_event(FILE *out, const veikart_event *ev, const veikart_method *m, const char *lang);
/* A gate report as `status` shows it, every criterion with its reason,
 * what is missing, and the recommended outcome and who decides.  UNIT is
 * the rollout unit whose gate it is, NULL for the initiative's. */
void cli_print_report(FILE *out, const veikart_initiative *in, const veikart_unit *unit,
                      const veikart_report *r, const char *lang);
/* People who may act in ROLE, comma-separated, into BUF ("nobody" when
 * none): for UNIT those assigned for the whole initiative and those
 * assigned for that unit alone (marked "(this unit)"); for NULL those
 * assigned for the whole initiative. */
void cli_holders(char *buf, size_t size, const veikart_initiative *in, const veikart_unit *unit,
                 const veikart_role *role);
/* Which units a rollout listing shows: nonzero to show UNIT. */
typedef int (*cli_unit_filter)(const veikart_unit *unit, void *payload);
/* The rollout unit by unit, as `status` and `unit list` show it: a line per
 * unit in rollout order (by wave, then order, then as added; units without
 * a wave or an order last) with its id, wave, phase, days in it (STALLED
 * past the phase's max-days) and the verdict of its next gate; WIDE adds
 * title, type, parent and status.  FILTER (NULL for every unit) picks the
 * units.  INDENT spaces begin each line.  Returns the number of units shown,
 * or (size_t)-1 when memory ran out (after saying so). */
size_t cli_print_units(FILE *out, const veikart_initiative *in, cli_unit_filter filter,
                       void *payload, int wide, int indent);
/* How many of the units FILTER picks are in each unit phase, a line each,
 * then how many were stopped. */
void cli_print_unit_counts(FILE *out, const veikart_initiative *in, cli_unit_filter filter,
                           void *payload, int indent, const char *lang);

/* Write TEXT to FILE, or to standard output when FILE is NULL.  Returns a CLI exit code. */
int cli_write_output(const cli_command *cmd, const char *file, const char *text, size_t len);

#endif
